package org.logitlab.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.logitlab.lessons.LessonText.fixed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.logitlab.activation.Softmax;
import org.logitlab.loss.BinaryCrossEntropy;
import org.logitlab.loss.CrossEntropy;
import org.logitlab.model.MiniBatches;
import org.logitlab.model.TrainingOptions;
import org.logitlab.softmax.OneHot;

/** The numbers lessons 4, 5 and 7 state, recomputed by the library or by plain arithmetic. */
class LessonNumbers457Test {

  private static final String LESSON4 = "04-softmax.md";
  private static final String LESSON5 = "05-one-hot-and-cross-entropy.md";
  private static final String LESSON7 = "07-mnist-end-to-end.md";

  // ---------------------------------------------------------------- lesson 4

  @Test
  void lesson4ShowsSoftmaxApproachingHardmaxAsTheScoresAreScaled() {
    String lesson = flat(LESSON4);
    assertThat(lesson).as("table row: softmax(2, 1, 0.1)")
        .contains("| $(2, 1, 0.1)$ | $" + vector4(Softmax.apply(new double[] {2, 1, 0.1})) + "$ |");
    assertThat(lesson).as("table row: softmax(4, 2, 0.2)")
        .contains("| $(4, 2, 0.2)$ | $" + vector4(Softmax.apply(new double[] {4, 2, 0.2})) + "$ |");
    double[] p = Softmax.apply(new double[] {20, 10, 1});
    String row = "| $(20, 10, 1)$ | $(" + fixed(p[0], 5) + ", " + scientific(p[1], -5) + ", "
        + scientific(p[2], -9) + ")$ |";
    assertThat(lesson).as("table row: softmax(20, 10, 1) is nearly hardmax").contains(row);
    double[] base = {2, 1, 0.1};
    for (double c : new double[] {2, 10}) {
      double[] scaled = Softmax.apply(new double[] {c * base[0], c * base[1], c * base[2]});
      double[] once = Softmax.apply(base);
      assertThat(scaled[0] / scaled[1]).as("scaling by %s raises the ratio p0/p1 to the power %s", c, c)
          .isCloseTo(Math.pow(once[0] / once[1], c), withinPercentage(1e-9));
    }
  }

  @Test
  void lesson4StatesHardmaxAsTheOneHotArgmax() {
    String lesson = flat(LESSON4);
    assertThat(lesson).as("hardmax(2, 1, 0.1)")
        .contains("\\operatorname{hardmax}(2, 1, 0.1) = " + intVector(hardmax(2, 1, 0.1)));
    assertThat(lesson).as("hardmax(0.5, 2.5, 0.3) in the check-yourself answer")
        .contains("\\operatorname{hardmax}(0.5, 2.5, 0.3)")
        .contains("$" + intVector(hardmax(0.5, 2.5, 0.3)) + "$. Nothing");
    assertThat(lesson).as("softmax(0.5, 2.5, 0.3) predicts the same class as hardmax")
        .contains("\\operatorname{softmax}(0.5, 2.5, 0.3) = " + vector4(Softmax.apply(new double[] {0.5, 2.5, 0.3})));
    double[] p = Softmax.apply(new double[] {0.5, 2.5, 0.3});
    assertThat(argmax(p)).as("softmax keeps the argmax").isEqualTo(argmax(new double[] {0.5, 2.5, 0.3}));

    // the Jacobian p_j ([j = l] - p_l), against a centred difference
    double[] z = {2, 1, 0.1};
    double[] pz = Softmax.apply(z);
    double h = 1e-6;
    for (int j = 0; j < 3; j++) {
      for (int l = 0; l < 3; l++) {
        double[] up = z.clone();
        double[] down = z.clone();
        up[l] += h;
        down[l] -= h;
        double numeric = (Softmax.apply(up)[j] - Softmax.apply(down)[j]) / (2 * h);
        double formula = pz[j] * ((j == l ? 1 : 0) - pz[l]);
        assertThat(numeric).as("dp_%d/dz_%d = p_j ([j = l] - p_l), never 0", j, l)
            .isCloseTo(formula, offset(1e-8)).isNotZero();
      }
    }
  }

  @Test
  void lesson4GivesTheIrisShapesAndTheParameterCounts() {
    String lesson = flat(LESSON4);
    int flowers = 5;
    int features = 4;
    int classes = 3;
    double[][] x = new double[flowers][features];
    double[][] w = new double[features][classes];
    double[][] z = new double[x.length][w[0].length];
    assertThat(x[0].length).as("XW is defined: X's columns = W's rows").isEqualTo(w.length);
    assertThat(lesson).as("the Iris shapes X(5×4)·W(4×3) + B(5×3) = 5×3")
        .contains("(" + shape(x) + ")(" + shape(w) + ") + (" + shape(z) + ") = " + shape(z));
    assertThat(lesson).as("the Iris weights 4·3")
        .contains("$" + features + " \\cdot " + classes + " = " + features * classes + "$ weights and " + classes
            + " biases");
    assertThat(lesson).as("MNIST softmax regression on a batch of 32: shapes")
        .contains("$X$ is $32 \\times 784$, $W$ is $784 \\times 10$, $B$ is $32 \\times 10$")
        .contains("$P$ is $32 \\times 10$");
    assertThat(lesson).as("MNIST softmax regression parameters 784·10 + 10")
        .contains("784 \\cdot 10 + 10 = " + (784 * 10 + 10) + "$");
  }

  @Test
  void lesson4AnswersTheShiftAndTheMinimumQuestions() {
    String lesson = flat(LESSON4);
    String shifted = vector4(Softmax.apply(new double[] {12, 11, 10.1}));
    assertThat(shifted).as("softmax(12, 11, 10.1) = softmax(2, 1, 0.1) to 4 places")
        .isEqualTo(vector4(Softmax.apply(new double[] {2, 1, 0.1})));
    assertThat(lesson).as("softmax(12, 11, 10.1) by shift invariance")
        .contains("\\operatorname{softmax}(12, 11, 10.1)")
        .contains("\\operatorname{softmax}(2, 1, 0.1) = " + shifted + "$.");
    assertThat(Math.exp(1000 - 0)).as("shifting (0, 1000) by its minimum still overflows").isInfinite();
    assertThat(lesson).as("e^1000 overflows").contains("$e^{1000} = \\infty$");
  }

  // ---------------------------------------------------------------- lesson 5

  @Test
  void lesson5OneHotQuestion() {
    String lesson = flat(LESSON5);
    double[][] y = OneHot.encode(new int[] {1, 3}, 4);
    assertThat(lesson).as("one-hot rows of the labels (1, 3) with k = 4")
        .contains("The rows $" + intVector(y[0]) + "$ and $" + intVector(y[1]) + "$");
    String message;
    try {
      OneHot.encode(new int[] {1, 3, 4}, 4);
      throw new AssertionError("OneHot.encode accepted the label 4 with k = 4");
    } catch (IllegalArgumentException e) {
      message = e.getMessage();
    }
    assertThat(lesson).as("the encoder's message for the label 4 with k = 4").contains("`" + message + "`");
  }

  @Test
  void lesson5StartingCostIsLnK() {
    String lesson = flat(LESSON5);
    double mnist = CrossEntropy.fromLogits(new double[1][10], OneHot.encode(new int[] {7}, 10));
    assertThat(lesson).as("an all-zero MNIST model costs ln 10")
        .contains("\\ln 10 = " + fixed(mnist, 4) + "$");
    assertThat(mnist).isCloseTo(Math.log(10), offset(1e-12));
    double iris = CrossEntropy.fromLogits(new double[1][3], OneHot.encode(new int[] {0}, 3));
    assertThat(lesson).as("an all-zero Iris model costs ln 3").contains("\\ln 3 = " + fixed(iris, 4) + "$");
  }

  @Test
  void lesson5LossAndGradientForTrueClass1() {
    String lesson = flat(LESSON5);
    double[] z = {2, 1, 0.1};
    double[] p = Softmax.apply(z);
    double loss = CrossEntropy.fromLogits(new double[][] {z}, OneHot.encode(new int[] {1}, 3));
    assertThat(lesson).as("loss of (2, 1, 0.1) with true class 1")
        .contains("$-\\log " + fixed(p[1], 4) + " = " + fixed(loss, 4) + "$");
    double[] y = OneHot.encode(new int[] {1}, 3)[0];
    String gradient = "(" + mathFixed(p[0] - y[0]) + ",\\ " + mathFixed(p[1] - y[1]) + ",\\ " + mathFixed(p[2] - y[2])
        + ")";
    assertThat(lesson).as("gradient p − y for true class 1").contains("p - y = " + gradient + "$");
    assertThat((p[0] - y[0]) + (p[1] - y[1]) + (p[2] - y[2])).as("the gradient sums to 0")
        .isCloseTo(0.0, offset(1e-15));
  }

  @Test
  void lesson5ClippedRouteReports34Point54() {
    String lesson = flat(LESSON5);
    double[][] logits = {{0, 1000}};
    double[][] y = OneHot.encode(new int[] {0}, 2);
    double clipped = CrossEntropy.fromProbabilities(Softmax.rows(logits), y);
    assertThat(BinaryCrossEntropy.EPSILON).as("the clip is 10^-15").isEqualTo(1e-15);
    assertThat(lesson).as("the question quotes the clipped cost to 2 places")
        .contains("report " + fixed(clipped, 2) + ", and");
    assertThat(lesson).as("the clipped cost −log 10^-15 = 15 ln 10")
        .contains("-\\log 10^{-15} = 15 \\ln 10 = " + fixed(15 * Math.log(10), 4) + "$")
        .contains(fixed(clipped, 4));
    assertThat(CrossEntropy.fromLogits(logits, y)).as("from the logits the cost is 1000").isEqualTo(1000.0);
    assertThat(lesson).contains("\\log (e^{0} + e^{1000}) = 1000$");
  }

  // ---------------------------------------------------------------- lesson 7

  @Test
  void lesson7WorksTheLecturesDemoWithAlpha001() {
    String lesson = flat(LESSON7);
    double alpha = 0.01;
    double factor = 1 - 2 * alpha;
    assertThat(lesson).as("the factor 1 − 2α for α = 0.01")
        .contains("$1 - 2 \\cdot 0.01 = " + trimmed(factor, 4) + "$")
        .contains("removes only " + trimmed(100 * (1 - factor), 2) + " % of the remaining distance");
    double[] path = descend(0, alpha, 100);
    assertThat(lesson).as("the first steps from w0 = 0")
        .contains("the path is " + trimmed(path[0], 5) + ", " + trimmed(path[1], 5) + ", " + trimmed(path[2], 5)
            + ", " + trimmed(path[3], 5) + ", ...");
    assertThat(lesson).as("the distance halves every ln 2 / −ln 0.98 steps")
        .contains("halves only every " + fixed(Math.log(2) / -Math.log(factor), 1) + " steps");
    assertThat(lesson).as("w after 100 steps").contains("after 100 steps $w$ is still at " + fixed(path[100], 4));

    double target = 0.01 / 5;
    assertThat(trimmed(target, 6)).as("0.01 / 5").isEqualTo("0.002");
    double bound = Math.log(target) / Math.log(factor);
    int steps = stepsWithin(0, alpha, 0.01);
    assertThat(steps).as("the first whole step count above the bound").isEqualTo((int) Math.ceil(bound));
    assertThat(lesson).as("steps to get within 0.01 of the minimum")
        .contains("\\frac{\\ln 0.002}{\\ln 0.98} = " + fixed(bound, 1) + ", \\quad \\text{that is " + steps
            + " steps}");
    double[] around = descend(0, alpha, steps);
    assertThat(lesson).as("the distances after %d and %d steps", steps - 1, steps)
        .contains("after " + (steps - 1) + " steps the distance is still " + fixed(5 - around[steps - 1], 4)
            + ", after " + steps + " it is " + fixed(5 - around[steps], 4));

    double[] bounce = descend(0, 1.0, 2);
    assertThat(bounce).as("α = 1 bounces between 0 and 10").containsExactly(0.0, 10.0, 0.0);
    assertThat(lesson).as("α = 1.0 has the factor −1")
        .contains("with $\\alpha = 1.0$ the factor is " + trimmed(1 - 2 * 1.0, 1).replace('-', '−'))
        .contains("bounces between 0 and 10 for ever");
  }

  @Test
  void lesson7AnswersItsCheckYourselfQuestions() {
    String lesson = flat(LESSON7);
    // 1. α = 0.25 from 0
    double alpha = 0.25;
    int steps = stepsWithin(0, alpha, 0.01);
    double w = descend(0, alpha, steps)[steps];
    assertThat(lesson).as("α = 0.25: factor, bound, steps and w after them")
        .contains("$1 - 2 \\cdot 0.25 = " + trimmed(1 - 2 * alpha, 4) + "$")
        .contains("$t \\ge " + fixed(Math.log(0.01 / 5) / Math.log(1 - 2 * alpha), 2) + "$: " + steps + " steps")
        .contains("$w_" + steps + " = 5 - 5/" + (1 << steps) + " = " + fixed(w, 4) + "$")
        .contains("$2^t \\ge " + (int) Math.round(5 / 0.01) + "$");
    assertThat(5 - 5.0 / (1 << steps)).as("w_9 = 5 − 5/512").isEqualTo(w);

    // 3. steps per epoch on 10,000 images
    MiniBatches b32 = new MiniBatches(10_000, new TrainingOptions(1, 1.0, 32, 42));
    int last = b32.count() - 1;
    assertThat(lesson).as("10,000 images in batches of 32")
        .contains("$10000 / 32 = " + trimmed(10_000 / 32.0, 4) + "$, so " + b32.count() + " steps: " + last
            + " batches of 32 and a last one of " + b32.size(last) + ".");
    MiniBatches b1 = new MiniBatches(10_000, new TrainingOptions(1, 1.0, 1, 42));
    assertThat(lesson).as("10,000 images one at a time")
        .contains("With $B = 1$, " + String.format(Locale.ROOT, "%,d", b1.count()) + " steps");

    // 4. the forgotten 1/m for m = 16
    int m = 16;
    double a = 0.37;
    double relative = Math.abs(m * a - a) / Math.max(Math.abs(m * a), Math.abs(a));
    assertThat(lesson).as("relative error (m − 1)/m for m = 16")
        .contains("relative error of " + fixed(relative, 4) + " in every parameter")
        .contains("$(m - 1)/m = " + (m - 1) + "/" + m + " = " + fixed((m - 1) / (double) m, 4) + "$");
  }

  @Test
  void lesson7NoLongerCallsBatchSize1TheLecturesLoop() {
    String lesson = flat(LESSON7);
    assertThat(lesson).as("batch size 1 is not the lecture's per-sample loop")
        .doesNotContain("this is the lecture's per-sample loop")
        .contains("Batch size 1 is not the lecture's loop");
  }

  // ---------------------------------------------------------------- helpers

  /** The Markdown of a lesson with each line break (and the indentation around it) read as one space. */
  private static String flat(String file) {
    return LessonText.of(file).replaceAll("[ \\t]*\\n[ \\t]*", " ");
  }

  /** (a, b, c) with 4 places, as the lessons print probability vectors. */
  private static String vector4(double[] p) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < p.length; i++) {
      s.append(i == 0 ? "" : ", ").append(fixed(p[i], 4));
    }
    return s.append(')').toString();
  }

  /** (1, 0, 0) for vectors of whole numbers. */
  private static String intVector(double[] v) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ", ").append((long) v[i]);
    }
    return s.append(')').toString();
  }

  /** A number inside a formula: 4 places, an ASCII minus. */
  private static String mathFixed(double x) {
    return fixed(x, 4).replace('−', '-');
  }

  /** {@code x} as {@code d.d \cdot 10^{e}} with one decimal. */
  private static String scientific(double x, int exponent) {
    return String.format(Locale.ROOT, "%.1f", x / Math.pow(10, exponent)) + " \\cdot 10^{" + exponent + "}";
  }

  /** {@code x} rounded to {@code places} and printed without trailing zeros (0.1, 0.198, 0). */
  private static String trimmed(double x, int places) {
    BigDecimal d = BigDecimal.valueOf(x).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toPlainString();
  }

  private static String shape(double[][] a) {
    return a.length + " \\times " + a[0].length;
  }

  private static double[] hardmax(double... z) {
    return OneHot.encode(new int[] {argmax(z)}, z.length)[0];
  }

  private static int argmax(double[] z) {
    int best = 0;
    for (int j = 1; j < z.length; j++) {
      if (z[j] > z[best]) {
        best = j;
      }
    }
    return best;
  }

  /** w_0 .. w_steps of gradient descent on (w − 5)², f'(w) = 2w − 10. */
  private static double[] descend(double w0, double alpha, int steps) {
    double[] w = new double[steps + 1];
    w[0] = w0;
    for (int t = 0; t < steps; t++) {
      w[t + 1] = w[t] - alpha * (2 * w[t] - 10);
    }
    return w;
  }

  /** The first t with |w_t − 5| ≤ tolerance. */
  private static int stepsWithin(double w0, double alpha, double tolerance) {
    double w = w0;
    int t = 0;
    while (Math.abs(w - 5) > tolerance) {
      w -= alpha * (2 * w - 10);
      t++;
    }
    return t;
  }
}
