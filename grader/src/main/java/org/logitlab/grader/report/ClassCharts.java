package org.logitlab.grader.report;

import java.awt.AWTError;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/**
 * The class report's bar charts, drawn with XChart as PNG. A chart holds numbers only (bin labels
 * and counts, no words), so that it reads the same in every language and needs no font beyond the
 * JDK's; the report's caption says what the bars are.
 */
final class ClassCharts {

  /** A bin's bar: its label, its count and whether it is on the good side of a line (threshold, budget). */
  record Bar(String label, int count, boolean good) {}

  static final int WIDTH = 640;
  static final int HEIGHT = 300;
  private static final Color GOOD = new Color(0x2b, 0x6c, 0xb0);
  private static final Color BAD = new Color(0xc0, 0x39, 0x2b);
  private static final String FONT = Font.SANS_SERIF;

  static {
    // Drawing needs no display: a grading server has none.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ClassCharts() {}

  /**
   * The bars of a score histogram ({@link ClassSummary#histogram}) of {@code max} points: tenths of
   * the points, labelled by their lower ends; all on the good side.
   */
  static List<Bar> scoreBars(int[] counts, double max) {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      bars.add(new Bar(ReportFormat.points(max * i / counts.length), counts[i], true));
    }
    return bars;
  }

  /**
   * The bars of an accuracy histogram in bins of {@code width} whose edges fall on {@code threshold}:
   * from the lowest accuracy's bin to 100 %, each labelled by its lower end in percent, good from the
   * threshold up.
   */
  static List<Bar> accuracyBars(List<Double> accuracies, double threshold, double width) {
    double low = accuracies.stream().mapToDouble(Double::doubleValue).min().orElse(threshold);
    int first = (int) Math.floor((Math.min(low, threshold) - threshold) / width + 1e-9);
    int last = (int) Math.floor((1.0 - threshold) / width + 1e-9);
    int[] counts = new int[last - first + 1];
    for (double a : accuracies) {
      int bin = (int) Math.floor((a - threshold) / width + 1e-9) - first;
      counts[Math.max(0, Math.min(counts.length - 1, bin))]++;
    }
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      double lower = threshold + (first + i) * width;
      bars.add(new Bar(String.format(Locale.ROOT, "%.0f", 100 * lower), counts[i], first + i >= 0));
    }
    return bars;
  }

  /**
   * The bars of a training-time histogram: tenths of the {@code budget} in seconds (labelled by their
   * lower ends), then one bar of the trainings stopped at the budget ({@code ">= budget"}), on the bad side.
   */
  static List<Bar> timeBars(List<Double> seconds, int budget) {
    int[] counts = new int[ClassSummary.BINS + 1];
    for (double s : seconds) {
      int bin = s >= budget ? ClassSummary.BINS : (int) Math.floor(s / budget * ClassSummary.BINS);
      counts[Math.max(0, bin)]++;
    }
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < ClassSummary.BINS; i++) {
      bars.add(new Bar(ReportFormat.points((double) budget * i / ClassSummary.BINS), counts[i], true));
    }
    bars.add(new Bar(">= " + budget, counts[ClassSummary.BINS], false));
    return bars;
  }

  /**
   * The bars as a PNG: blue on the good side, red on the other.
   *
   * @throws UncheckedIOException when this JDK cannot draw (AWT without its native libraries or fonts)
   */
  static byte[] png(List<Bar> bars) {
    try {
      return draw(bars);
    } catch (AWTError | LinkageError e) {
      throw new UncheckedIOException(new IOException("could not draw the class report's charts (" + e + "): "
          + "this JDK's AWT needs fontconfig and a font (e.g. apt-get install fontconfig fonts-dejavu-core)", e));
    }
  }

  private static byte[] draw(List<Bar> bars) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).build();
    CategoryStyler styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setChartTitleVisible(false);
    styler.setStacked(true);
    styler.setOverlapped(true);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    styler.setYAxisDecimalPattern("0");
    styler.setYAxisMin(0.0);
    styler.setYAxisMax((double) Math.max(1, bars.stream().mapToInt(Bar::count).max().orElse(1)));
    styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
    styler.setXAxisLabelRotation(bars.size() > 16 ? 90 : 0);
    styler.setLabelsVisible(false);
    styler.setAntiAlias(true);
    styler.setSeriesColors(new Color[] {GOOD, BAD});
    List<String> labels = bars.stream().map(Bar::label).toList();
    chart.addSeries("good", labels, bars.stream().map(b -> (Number) (b.good() ? b.count() : 0)).toList());
    chart.addSeries("bad", labels, bars.stream().map(b -> (Number) (b.good() ? 0 : b.count())).toList());
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a chart as PNG", e);
    }
  }
}
