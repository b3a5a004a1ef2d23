package org.logitlab.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;

/**
 * Precision, recall and F1 of each class, with their macro and support-weighted averages and the
 * accuracy, as scikit-learn's {@code precision_recall_fscore_support} computes them with
 * {@code zero_division=0}: a ratio with nothing to divide by (a class never predicted, or absent) is
 * 0. {@link #toString()} prints the table of scikit-learn's {@code classification_report} (4 digits).
 */
public final class ClassificationReport {

  private final double[] precision;
  private final double[] recall;
  private final double[] f1;
  private final int[] support;
  private final double accuracy;

  private ClassificationReport(int[][] confusion) {
    int classes = confusion.length;
    precision = new double[classes];
    recall = new double[classes];
    f1 = new double[classes];
    support = new int[classes];
    int correct = 0;
    int total = 0;
    for (int c = 0; c < classes; c++) {
      int predicted = 0;
      for (int t = 0; t < classes; t++) {
        predicted += confusion[t][c];
        support[c] += confusion[c][t];
      }
      int hits = confusion[c][c];
      precision[c] = ratio(hits, predicted);
      recall[c] = ratio(hits, support[c]);
      f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
      correct += hits;
      total += support[c];
    }
    accuracy = (double) correct / total;
  }

  /**
   * The report of {@code predicted} against {@code truth}, over the classes {@code 0 … classes − 1}.
   *
   * @param truth the true class of each sample
   * @param predicted the predicted class of each sample
   * @param classes the number of classes
   * @return the report
   * @throws IllegalArgumentException if the lengths differ, are 0, or a class is outside {@code [0, classes)}
   */
  public static ClassificationReport of(int[] truth, int[] predicted, int classes) {
    return new ClassificationReport(Metrics.confusionMatrix(truth, predicted, classes));
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }

  /** @return the precision of each class (a copy) */
  public double[] precision() {
    return precision.clone();
  }

  /** @return the recall of each class (a copy) */
  public double[] recall() {
    return recall.clone();
  }

  /** @return the F1 score of each class (a copy) */
  public double[] f1() {
    return f1.clone();
  }

  /** @return how many samples of each class there are (a copy) */
  public int[] support() {
    return support.clone();
  }

  /** @return the fraction of samples predicted right */
  public double accuracy() {
    return accuracy;
  }

  /** An average over the classes: of precision, recall and F1. */
  public record Average(double precision, double recall, double f1) {}

  /** @return the unweighted mean over the classes */
  public Average macro() {
    return average(false);
  }

  /** @return the mean over the classes weighted by their support */
  public Average weighted() {
    return average(true);
  }

  private Average average(boolean bySupport) {
    double p = 0;
    double r = 0;
    double f = 0;
    double weights = 0;
    for (int c = 0; c < support.length; c++) {
      double w = bySupport ? support[c] : 1;
      p += w * precision[c];
      r += w * recall[c];
      f += w * f1[c];
      weights += w;
    }
    return new Average(p / weights, r / weights, f / weights);
  }

  /** The table of scikit-learn's {@code classification_report(..., digits=4)}, to the character. */
  @Override
  public String toString() {
    int width = Math.max("weighted avg".length(), String.valueOf(support.length - 1).length());
    int total = Arrays.stream(support).sum();
    StringBuilder out = new StringBuilder();
    out.append(" ".repeat(width + 1)).append(String.format(Locale.ROOT, "%10s%10s%10s%10s", "precision", "recall", "f1-score",
        "support")).append("\n\n");
    for (int c = 0; c < support.length; c++) {
      row(out, width, String.valueOf(c), fixed(precision[c]), fixed(recall[c]), fixed(f1[c]), support[c]);
    }
    out.append('\n');
    row(out, width, "accuracy", "", "", fixed(accuracy), total);
    Average macro = macro();
    row(out, width, "macro avg", fixed(macro.precision()), fixed(macro.recall()), fixed(macro.f1()), total);
    Average weighted = weighted();
    row(out, width, "weighted avg", fixed(weighted.precision()), fixed(weighted.recall()), fixed(weighted.f1()),
        total);
    return out.toString();
  }

  private static void row(StringBuilder out, int width, String name, String p, String r, String f, int support) {
    out.append(" ".repeat(width - name.length())).append(name).append(' ')
        .append(String.format(Locale.ROOT, "%10s%10s%10s%10d", p, r, f, support)).append('\n');
  }

  /** Four decimals, rounded half to even on the exact binary value, as Python's {@code {:.4f}} does. */
  private static String fixed(double value) {
    return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
  }
}
