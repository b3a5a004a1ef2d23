package org.logitlab.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.AtomicFile;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Texts;

/**
 * An instructor's report on a graded class: the score distribution of the class and of each
 * exercise, each exercise's hidden checks ranked by how many students failed them with the mistakes
 * the feedback recognized, the MNIST accuracies and training times against the threshold and the
 * budget, the submissions that could not be graded and why, and how the class was graded.
 *
 * <p>Built once as a list of blocks and written twice: {@value #HTML}, one self-contained page (the
 * charts embedded as PNG data, no script or style from elsewhere, so it opens with no network), and
 * {@value #MARKDOWN}, the same content as GitHub-flavoured Markdown with the charts beside it in
 * {@value #CHARTS}/. Names and other text from the results are escaped; with {@code names} false, no
 * student is named (for a report shared with the class).
 */
public final class ClassReport {

  /** The file name of the HTML page. */
  public static final String HTML = "class-report.html";
  /** The file name of the Markdown text. */
  public static final String MARKDOWN = "class-report.md";
  /** The folder of the Markdown text's charts. */
  public static final String CHARTS = "class-report";

  /** MNIST accuracies are binned by this many percentage points when they span at most {@link #FINE_SPAN}. */
  private static final double FINE_WIDTH = 0.01;
  private static final double FINE_SPAN = 0.25;
  private static final double COARSE_WIDTH = 0.05;

  /** One piece of the report. */
  sealed interface Block permits Heading, Paragraph, Items, Table, Figure {}

  /** A section heading, level 1 to 3. */
  record Heading(int level, String text) implements Block {}

  /** A paragraph of plain text. */
  record Paragraph(String text) implements Block {}

  /** A bulleted list of plain text. */
  record Items(List<String> items) implements Block {}

  /** A table of plain text. */
  record Table(List<String> header, List<List<String>> rows) implements Block {}

  /** A chart: its file name (without {@code .png}), its PNG bytes, and a caption that says what it shows. */
  record Figure(String name, byte[] png, String caption) implements Block {}

  private ClassReport() {}

  /**
   * Writes {@value #HTML}, {@value #MARKDOWN} and the charts of {@code results} into {@code folder},
   * each file atomically.
   *
   * @param texts the language of the report
   * @param names whether students may be named
   * @return the HTML page
   */
  public static Path write(List<SubmissionResult> results, Path folder, Texts texts, boolean names)
      throws IOException {
    List<Block> blocks;
    try {
      blocks = blocks(ClassSummary.of(results), texts, names);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Path charts = folder.resolve(CHARTS);
    Files.createDirectories(charts);
    for (Block block : blocks) {
      if (block instanceof Figure figure) {
        AtomicFile.write(charts.resolve(figure.name() + ".png"), file -> Files.write(file, figure.png()));
      }
    }
    AtomicFile.write(folder.resolve(MARKDOWN), markdown(blocks));
    Path html = folder.resolve(HTML);
    AtomicFile.write(html, html(blocks, texts));
    return html;
  }

  /** The report's blocks. */
  static List<Block> blocks(ClassSummary s, Texts t, boolean names) {
    List<Block> b = new ArrayList<>();
    b.add(new Heading(1, t.text("classReport.title")));
    b.add(new Paragraph(t.text("classReport.summary", "submissions", s.results().size(), "graded", s.graded().size(),
        "unreadable", s.unreadable().size(), "incomplete", s.incomplete().size())));
    if (!names) {
      b.add(new Paragraph(t.text("classReport.anonymous")));
    }
    scores(b, s, t);
    exercises(b, s, t);
    mnist(b, s.mnist(), t);
    belowHalf(b, s, t, names);
    ungraded(b, s, t, names);
    run(b, s, t, names);
    return b;
  }

  private static void scores(List<Block> b, ClassSummary s, Texts t) {
    b.add(new Heading(2, t.text("classReport.scores")));
    List<Double> totals = s.totals();
    if (totals.isEmpty()) {
      b.add(new Paragraph(t.text("classReport.noGrades")));
      return;
    }
    long full = totals.stream().filter(x -> x >= s.maxScore() - ReportFormat.EPSILON).count();
    b.add(figure("scores", ClassCharts.scoreBars(ClassSummary.histogram(totals, s.maxScore()), s.maxScore()), t,
        t.text("classReport.scoresCaption", "max", ReportFormat.points(s.maxScore()),
        "mean", ReportFormat.points(ClassSummary.mean(totals)), "median", ReportFormat.points(ClassSummary.median(totals)),
        "full", full)));
  }

  private static void exercises(List<Block> b, ClassSummary s, Texts t) {
    b.add(new Heading(2, t.text("classReport.exercises")));
    List<List<String>> rows = new ArrayList<>();
    for (ClassSummary.ExerciseSummary e : s.exercises()) {
      rows.add(List.of(t.exercise(e.exercise()), ReportFormat.points(e.maxScore()),
          e.scores().isEmpty() ? "-" : ReportFormat.points(ClassSummary.mean(e.scores())),
          e.scores().isEmpty() ? "-" : ReportFormat.points(ClassSummary.median(e.scores())),
          e.fullMarks() + " / " + e.scores().size(), statuses(e, t)));
    }
    b.add(new Table(List.of(t.text("report.column.exercise"), t.text("report.column.points"),
        t.text("classReport.column.mean"), t.text("classReport.column.median"), t.text("classReport.column.full"),
        t.text("classReport.column.notGraded")), rows));
    for (ClassSummary.ExerciseSummary e : s.exercises()) {
      b.add(new Heading(3, t.exercise(e.exercise())));
      if (!e.scores().isEmpty()) {
        b.add(figure("exercise-" + e.exercise().number(), ClassCharts.scoreBars(
            ClassSummary.histogram(e.scores(), e.maxScore()), e.maxScore()), t,
            t.text("classReport.exerciseCaption", "exercise", t.exercise(e.exercise()),
                "max", ReportFormat.points(e.maxScore()), "mean", ReportFormat.points(ClassSummary.mean(e.scores())))));
      }
      checks(b, e, t);
    }
  }

  /**
   * A chart of {@code bars} whose caption ends with the count of every bar that has any, {@code "Bars:
   * 0: 3, 10: 2"}: the numbers the picture shows, for a reader who cannot see it (and for the tests).
   */
  private static Figure figure(String name, List<ClassCharts.Bar> bars, Texts t, String caption) {
    String counts = bars.stream().filter(bar -> bar.count() > 0).map(bar -> bar.label() + ": " + bar.count())
        .collect(Collectors.joining(", "));
    return new Figure(name, ClassCharts.png(bars), caption + " " + t.text("classReport.bars", "bars", counts));
  }

  /** {@code "does not compile: 3, timed out: 1"}, or {@code "-"}. */
  private static String statuses(ClassSummary.ExerciseSummary e, Texts t) {
    return e.statuses().isEmpty() ? "-" : e.statuses().entrySet().stream()
        .map(x -> t.text("classReport.count", "what", x.getKey().words(t), "count", x.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static void checks(List<Block> b, ClassSummary.ExerciseSummary e, Texts t) {
    List<ClassSummary.CheckSummary> failing = e.checks().stream().filter(c -> !c.failed().isEmpty()).toList();
    if (failing.isEmpty()) {
      String key = e.scores().isEmpty() ? "classReport.noResults"
          : e.checks().isEmpty() ? "classReport.noChecks" : "classReport.noFailures";
      b.add(new Paragraph(t.text(key)));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (ClassSummary.CheckSummary c : failing) {
      String causes = c.causes().isEmpty() ? "-" : c.causes().entrySet().stream()
          .map(x -> t.text("classReport.count", "what", cause(t, x.getKey()), "count", x.getValue()))
          .collect(Collectors.joining("; "));
      rows.add(List.of(c.name(), t.text("classReport.failedOf", "failed", c.failed().size(), "ran", c.ran()), causes));
    }
    b.add(new Table(List.of(t.text("classReport.column.check"), t.text("classReport.column.failed"),
        t.text("classReport.column.causes")), rows));
    b.add(new Paragraph(t.text("classReport.read", "reading", t.reading(e.exercise()))));
  }

  /** A cause's short name; one this grader does not know (a newer grader's) by its name. */
  private static String cause(Texts t, String name) {
    try {
      return t.text("classReport.cause." + name);
    } catch (RuntimeException e) {
      return name;
    }
  }

  private static void mnist(List<Block> b, ClassSummary.MnistSummary m, Texts t) {
    b.add(new Heading(2, t.text("classReport.mnist")));
    if (m.accuracies().isEmpty() && m.trainingSeconds().isEmpty()) {
      b.add(new Paragraph(t.text("classReport.mnistNone", "skipped", m.skipped())));
      return;
    }
    if (m.threshold().isEmpty() || m.budget().isEmpty()) {
      b.add(new Paragraph(t.text("classReport.mnistMixed", "thresholds", m.thresholds().stream()
          .map(ReportFormat::percent).collect(Collectors.joining(", ")), "budgets", m.budgets().stream()
          .map(String::valueOf).collect(Collectors.joining(", ")))));
      return;
    }
    double threshold = m.threshold().get();
    int budget = m.budget().get();
    b.add(new Paragraph(t.text("classReport.mnistSummary", "finished", m.accuracies().size(), "reached", m.reached(),
        "threshold", ReportFormat.percent(threshold), "below", m.accuracies().size() - m.reached(),
        "stopped", m.stopped(), "budget", budget, "skipped", m.skipped())));
    if (!m.accuracies().isEmpty()) {
      double low = m.accuracies().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double width = 1.0 - Math.min(low, threshold) <= FINE_SPAN ? FINE_WIDTH : COARSE_WIDTH;
      b.add(figure("mnist-accuracy", ClassCharts.accuracyBars(m.accuracies(), threshold, width), t,
          t.text("classReport.mnistAccuracyCaption", "width", String.format(Locale.ROOT, "%.0f", width * 100),
              "threshold", ReportFormat.percent(threshold), "median", ReportFormat.percent(ClassSummary.median(
                  m.accuracies())), "min", ReportFormat.percent(low), "max", ReportFormat.percent(m.accuracies()
                  .stream().mapToDouble(Double::doubleValue).max().orElseThrow()))));
    }
    if (!m.trainingSeconds().isEmpty()) {
      b.add(figure("mnist-time", ClassCharts.timeBars(m.trainingSeconds(), budget), t,
          t.text("classReport.mnistTimeCaption", "budget", budget,
              "median", String.format(Locale.ROOT, "%.1f", ClassSummary.median(m.trainingSeconds())),
              "max", String.format(Locale.ROOT, "%.1f", m.trainingSeconds().stream().mapToDouble(Double::doubleValue)
                  .max().orElseThrow()))));
    }
  }

  private static void belowHalf(List<Block> b, ClassSummary s, Texts t, boolean names) {
    b.add(new Heading(2, t.text("classReport.belowHalf")));
    List<SubmissionResult> low = s.belowHalf();
    String max = ReportFormat.points(s.maxScore());
    if (low.isEmpty()) {
      b.add(new Paragraph(t.text("classReport.belowHalfNone", "max", max)));
    } else if (!names) {
      b.add(new Paragraph(t.text("classReport.belowHalfCount", "count", low.size(), "max", max)));
    } else {
      b.add(new Paragraph(t.text("classReport.belowHalfNamed", "count", low.size(), "max", max)));
      b.add(new Items(low.stream().map(r -> r.student() + ": " + ReportFormat.points(r.score())).toList()));
    }
  }

  private static void ungraded(List<Block> b, ClassSummary s, Texts t, boolean names) {
    b.add(new Heading(2, t.text("classReport.ungraded")));
    b.add(new Heading(3, t.text("classReport.incomplete")));
    b.add(reasons(s.incomplete(), t, names));
    b.add(new Heading(3, t.text("classReport.unreadable")));
    b.add(reasons(s.unreadable(), t, names));
  }

  /** Each result with the first line of its error ({@code "alice: ..."}), or "None." for none. */
  private static Block reasons(List<SubmissionResult> results, Texts t, boolean names) {
    return results.isEmpty() ? new Paragraph(t.text("classReport.none"))
        : new Items(results.stream().map(r -> who(r, names) + ReportFormat.firstLine(hide(r, names))).toList());
  }

  /** {@code "alice: "}, or nothing when no student may be named. */
  private static String who(SubmissionResult r, boolean names) {
    return names ? r.student() + ": " : "";
  }

  /** The result's error, without the student's name when no student may be named. */
  private static String hide(SubmissionResult r, boolean names) {
    return names || r.student().isEmpty() ? r.error() : r.error().replace(r.student(), "…");
  }

  private static void run(List<Block> b, ClassSummary s, Texts t, boolean names) {
    ClassSummary.RunSummary run = s.run();
    b.add(new Heading(2, t.text("classReport.run")));
    List<String> items = new ArrayList<>();
    String seeds = run.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "));
    items.add(t.text(run.seeds().size() == 1 ? "classReport.run.seed" : "classReport.run.seeds", "seeds", seeds));
    run.isolations().forEach((isolation, count) -> items.add(t.text("classReport.run.isolation",
        "isolation", isolation, "count", count)));
    List<Double> seconds = run.submissionMillis().values().stream().map(ms -> ms / 1000.0).toList();
    if (!seconds.isEmpty()) {
      Map.Entry<String, Long> longest = run.submissionMillis().entrySet().stream()
          .max(Map.Entry.comparingByValue()).orElseThrow();
      items.add(t.text("classReport.run.time", "mean", String.format(Locale.ROOT, "%.1f", ClassSummary.mean(seconds)),
          "median", String.format(Locale.ROOT, "%.1f", ClassSummary.median(seconds)),
          "max", String.format(Locale.ROOT, "%.1f", longest.getValue() / 1000.0),
          "student", names ? " (" + longest.getKey() + ")" : ""));
      items.add(t.text("classReport.run.graded", "first", run.firstGraded(), "last", run.lastGraded()));
    }
    if (run.unrecorded() > 0) {
      items.add(t.text("classReport.run.unrecorded", "count", run.unrecorded()));
    }
    if (run.configs().size() > 1) {
      items.add(t.text("classReport.run.configsDiffer", "count", run.configs().size()));
    }
    b.add(new Items(items));
    int n = 0;
    for (Map.Entry<GradingConfig, Integer> config : run.configs().entrySet()) {
      b.add(new Heading(3, run.configs().size() == 1 ? t.text("classReport.run.config")
          : t.text("classReport.run.configOf", "index", ++n, "count", config.getValue())));
      b.add(new Table(List.of(t.text("classReport.column.setting"), t.text("classReport.column.value")),
          settings(config.getKey(), t)));
    }
  }

  /** The configuration as rows of a setting and its value. */
  private static List<List<String>> settings(GradingConfig c, Texts t) {
    List<List<String>> rows = new ArrayList<>();
    for (Exercise e : Exercise.values()) {
      rows.add(List.of(t.exercise(e), ReportFormat.points(c.points().getOrDefault(e, 0.0))));
    }
    GradingConfig.Mnist m = c.mnist();
    rows.add(List.of("mnist", String.format(Locale.ROOT, "threshold %s, share %s, 784-%d-10 %s, %d epochs, batch %d, "
        + "lr %s, budget %d s", ReportFormat.percent(m.threshold()), ReportFormat.points(m.share()), m.hidden(),
        m.activation(), m.epochs(), m.batchSize(), m.learningRate(), m.timeBudgetSeconds())));
    rows.add(List.of("gradientCheck", "good " + c.gradientCheck().good() + ", wrong " + c.gradientCheck().wrong()));
    rows.add(List.of("randomCases", String.valueOf(c.randomCases())));
    GradingConfig.Limits l = c.limits();
    rows.add(List.of("limits", String.format(Locale.ROOT, "memory %d MB, %d s per exercise, %d s per test, "
        + "%d s to compile, zip %d MB / %d entries", l.memoryMb(), l.exerciseSeconds(), l.testSeconds(),
        l.compileSeconds(), l.unpackedMb(), l.zipEntries())));
    rows.add(List.of("language", c.language().tag()));
    return rows;
  }

  /** The blocks as one self-contained HTML page (well-formed XML too, which the tests parse). */
  static String html(List<Block> blocks, Texts texts) {
    StringBuilder h = new StringBuilder();
    long charts = blocks.stream().filter(Figure.class::isInstance).count();
    h.append("<!DOCTYPE html>\n<html lang=\"").append(texts.language().tag()).append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(xml(texts.text("classReport.title"))).append("</title>\n<style>\n").append(STYLE)
        .append("</style>\n</head>\n<body data-charts=\"").append(charts).append("\">\n");
    for (Block block : blocks) {
      if (block instanceof Heading x) {
        h.append("<h").append(x.level()).append('>').append(xml(x.text())).append("</h").append(x.level()).append(">\n");
      } else if (block instanceof Paragraph x) {
        h.append("<p>").append(xml(x.text())).append("</p>\n");
      } else if (block instanceof Items x) {
        h.append("<ul>\n");
        x.items().forEach(item -> h.append("<li>").append(xml(item)).append("</li>\n"));
        h.append("</ul>\n");
      } else if (block instanceof Table x) {
        h.append("<table>\n<thead><tr>");
        x.header().forEach(cell -> h.append("<th>").append(xml(cell)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : x.rows()) {
          h.append("<tr>");
          row.forEach(cell -> h.append("<td>").append(xml(cell)).append("</td>"));
          h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
      } else if (block instanceof Figure x) {
        h.append("<figure>\n<img class=\"chart\" id=\"").append(x.name()).append("\" width=\"")
            .append(ClassCharts.WIDTH).append("\" height=\"").append(ClassCharts.HEIGHT).append("\" alt=\"")
            .append(xml(x.caption())).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(x.png())).append("\"/>\n<figcaption>").append(xml(x.caption()))
            .append("</figcaption>\n</figure>\n");
      }
    }
    // Counts the charts the browser could decode (the tests read it back); no markup characters inside.
    h.append("<script>\nwindow.addEventListener('load', function () {\n  var loaded = 0;\n")
        .append("  document.querySelectorAll('img.chart').forEach(function (img) {\n")
        .append("    if (img.complete) { if (img.naturalWidth) { loaded += 1; } }\n  });\n")
        .append("  document.body.setAttribute('data-charts-loaded', String(loaded));\n});\n</script>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }

  private static final String STYLE = """
      body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
      table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
      th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
      th { background: #f3f3f3; }
      figure { margin: 0.5rem 0 1rem; }
      img.chart { max-width: 100%; height: auto; }
      figcaption { font-size: 0.9rem; color: #555; }
      """;

  /** The blocks as GitHub-flavoured Markdown, the charts linked from {@value #CHARTS}/. */
  static String markdown(List<Block> blocks) {
    StringBuilder md = new StringBuilder();
    for (Block block : blocks) {
      if (block instanceof Heading x) {
        md.append("#".repeat(x.level())).append(' ').append(MarkdownReport.escape(x.text())).append("\n\n");
      } else if (block instanceof Paragraph x) {
        md.append(MarkdownReport.escape(x.text())).append("\n\n");
      } else if (block instanceof Items x) {
        x.items().forEach(item -> md.append("- ").append(MarkdownReport.escape(item).replaceAll("\\R", " "))
            .append('\n'));
        md.append('\n');
      } else if (block instanceof Table x) {
        md.append(row(x.header())).append("|---".repeat(x.header().size())).append("|\n");
        x.rows().forEach(r -> md.append(row(r)));
        md.append('\n');
      } else if (block instanceof Figure x) {
        md.append("![").append(MarkdownReport.escape(x.caption())).append("](").append(CHARTS).append('/')
            .append(x.name()).append(".png)\n\n").append(MarkdownReport.escape(x.caption())).append("\n\n");
      }
    }
    return md.toString();
  }

  private static String row(List<String> cells) {
    return "| " + cells.stream().map(c -> MarkdownReport.escapeInline(c).replaceAll("\\R", " "))
        .collect(Collectors.joining(" | ")) + " |\n";
  }

  /** Text as XML character data or an attribute value. */
  static String xml(String text) {
    return ReportFormat.printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
