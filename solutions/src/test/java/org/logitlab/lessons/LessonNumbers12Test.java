package org.logitlab.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.logitlab.lessons.LessonText.fixed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.logitlab.activation.Sigmoid;
import org.logitlab.loss.BinaryCrossEntropy;
import org.logitlab.loss.Losses;

/** The numbers lessons 1 and 2 state, recomputed by the library or by plain arithmetic. */
class LessonNumbers12Test {

  private static final String LESSON1 = "01-classification-and-sigmoid.md";
  private static final String LESSON2 = "02-binary-cross-entropy.md";

  // ---------------------------------------------------------------- lesson 1

  @Test
  void lesson1FitsAStraightLineToTheExamScoresAndLetsAFarSampleTiltIt() {
    String lesson = flat(LESSON1);
    double[] scores = {45, 50, 55, 60, 65, 70};
    double[] passed = {0, 0, 0, 1, 1, 1};
    assertThat(lesson).as("the exam-score table")
        .contains("| score | 45 | 50 | 55 | 60 | 65 | 70 |")
        .contains("| $y$ | 0 | 0 | 0 | 1 | 1 | 1 |");
    assertThat(lesson).contains("Any pass mark above 55 and up to 60 classifies all six correctly");
    for (double mark : new double[] {55.5, 58, 60}) {
      assertThat(errors(scores, passed, mark)).as("pass mark %s classifies all six correctly", mark).isZero();
    }
    for (double mark : new double[] {55, 60.5}) {
      assertThat(errors(scores, passed, mark)).as("pass mark %s misclassifies one", mark).isOne();
    }

    double[] line = leastSquares(scores, passed);
    double crossing = (0.5 - line[1]) / line[0];
    assertThat(lesson).as("the least-squares line crosses 0.5 at 57.5")
        .contains("crosses 0.5 at " + fixed(crossing, 1) + ", a good threshold");
    assertThat(lesson).as("the line leaves [0, 1] at 45 and at 70")
        .contains("predicts " + fixed(line[0] * 45 + line[1], 4) + " at 45 and " + fixed(line[0] * 70 + line[1], 4)
            + " at 70");
    assertThat(line[0] * 45 + line[1]).as("below 0 at 45").isNegative();
    assertThat(line[0] * 70 + line[1]).as("above 1 at 70").isGreaterThan(1);

    double[] tilted = leastSquares(new double[] {45, 50, 55, 60, 65, 70, 100}, new double[] {0, 0, 0, 1, 1, 1, 1});
    double newCrossing = (0.5 - tilted[1]) / tilted[0];
    double at60 = tilted[0] * 60 + tilted[1];
    assertThat(lesson).as("a passing student with 100 moves the crossing to 60.09")
        .contains("the 0.5 crossing moves to " + fixed(newCrossing, 2) + ",");
    assertThat(lesson).as("the student with 60 now gets 0.4982, below 0.5")
        .contains("now gets " + fixed(at60, 4) + " and is classified as failing");
    assertThat(at60).as("the student with 60 is classified as failing").isLessThan(0.5);
  }

  @Test
  void lesson1DerivesTheSigmoidFromTheLogOdds() {
    String lesson = flat(LESSON1);
    assertThat(lesson).as("odds of p = 0.8").contains("$p = 0.8$ gives odds $0.8/0.2 = " + whole(odds(0.8)) + "$");
    assertThat(lesson).as("odds of p = 0.5").contains("$p = 0.5$ gives " + whole(odds(0.5)) + ".");
    assertThat(lesson).as("log-odds of p = 0.8 and of p = 0.2")
        .contains("$\\log 4 = " + math4(Math.log(odds(0.8))) + "$")
        .contains("$p = 0.2$ gives $\\log(1/4) = " + math4(Math.log(odds(0.2))) + "$");
    double logit = Double.parseDouble(fixed(Math.log(4), 4));
    assertThat(lesson).as("the sigmoid inverts the logit").contains("$\\sigma(" + fixed(logit, 4) + ") = 0.8$");
    assertThat(fixed(Sigmoid.apply(logit), 4)).as("σ(1.3863) is 0.8 to four places").isEqualTo("0.8000");
    assertThat(lesson).as("a weight of 1 multiplies the odds by e")
        .contains("(by $e = " + fixed(Math.E, 4) + "$ when $w_j = 1$)");
    for (double z : new double[] {-2, 0, 1.5}) {
      double ratio = odds(Sigmoid.apply(z + 1)) / odds(Sigmoid.apply(z));
      assertThat(ratio).as("raising z by 1 from %s multiplies the odds by e", z).isCloseTo(Math.E, offset(1e-9));
    }
  }

  @Test
  void lesson1ClassifiesPointsAgainstTheBoundaryXOnePlusXTwoIsThree() {
    String lesson = flat(LESSON1);
    double[][] points = {{1, 1}, {3, 0}, {2, 2}, {4, 3}};
    StringBuilder pointRow = new StringBuilder("| point $(x_1, x_2)$ |");
    StringBuilder zRow = new StringBuilder("| $z$ |");
    StringBuilder sigmaRow = new StringBuilder("| $\\sigma(z)$ |");
    StringBuilder classRow = new StringBuilder("| class |");
    for (double[] p : points) {
      double z = -3 + p[0] + p[1];
      pointRow.append(" $(").append(whole(p[0])).append(", ").append(whole(p[1])).append(")$ |");
      zRow.append(' ').append(whole(z).replace('-', '−')).append(" |");
      sigmaRow.append(' ').append(z == 0 ? "0.5" : fixed(Sigmoid.apply(z), 4)).append(" |");
      classRow.append(' ').append(Sigmoid.apply(z) >= 0.5 ? "1" : "0").append(z == 0 ? " (on the line)" : "").append(" |");
    }
    assertThat(lesson).as("the table of points against W = [-3, 1, 1]")
        .contains(pointRow.toString(), zRow.toString(), sigmaRow.toString(), classRow.toString());
    assertThat(Sigmoid.apply(0)).as("σ(z) = 0.5 exactly on the boundary").isEqualTo(0.5);
    assertThat(lesson).as("the boundary line and its points on the axes")
        .contains("$x_1 + x_2 = 3$ through $(3, 0)$ and $(0, 3)$");
    assertThat(-3 + 0 + 3.0).as("(0, 3) lies on the boundary").isZero();
  }

  @Test
  void lesson1DrawsACircleWithSquaredFeatures() {
    String lesson = flat(LESSON1);
    double[] w = {-4, 1, 1};
    assertThat(lesson).as("the weights of the circle")
        .contains("and $w = [-4, 1, 1]$: the boundary $z = 0$ is the circle $x_1^2 + x_2^2 = 4$ of radius 2");
    assertThat(circleScore(w, 2, 0)).as("(2, 0) lies on the circle x1^2 + x2^2 = 4").isZero();
    assertThat(circleScore(w, 0, 0)).as("the centre is inside").isNegative();
    assertThat(lesson).as("σ at the centre and at (2, 2)")
        .contains("($`\\sigma(" + whole(circleScore(w, 0, 0)) + ") = " + fixed(Sigmoid.apply(-4), 4) + "`$ at the centre)")
        .contains("($`\\sigma(" + whole(circleScore(w, 2, 2)) + ") = " + fixed(Sigmoid.apply(4), 4) + "`$ at $(2, 2)$)");
    assertThat(lesson).as("the features u1 = x1^2, u2 = x2^2 and their line")
        .contains("the straight line $u_1 + u_2 = 4$");
  }

  @Test
  void lesson1AnswersItsCheckYourselfQuestions() {
    String lesson = flat(LESSON1);
    // 1: p = 0.75
    assertThat(lesson).as("odds and log-odds of p = 0.75")
        .contains("$0.75/0.25 = " + whole(odds(0.75)) + "$")
        .contains("$\\log 3 = " + fixed(Math.log(odds(0.75)), 4) + "$")
        .contains("$z = " + fixed(Math.log(3), 4) + "$");
    double z1 = Double.parseDouble(fixed(Math.log(3), 4));
    assertThat(lesson).as("σ(1.0986) = 0.75").contains("$\\sigma(" + fixed(z1, 4) + ") = 0.75$");
    assertThat(fixed(Sigmoid.apply(z1), 4)).isEqualTo("0.7500");
    // 2: two points against W = [-3, 1, 1]
    double a = -3 + 2 + 0.5;
    double b = -3 + 2.5 + 1;
    assertThat(lesson).as("the point (2, 0.5)")
        .contains("$z = -3 + 2 + 0.5 = " + math(a) + "$, so $\\sigma(" + math(a) + ") = " + fixed(Sigmoid.apply(a), 4)
            + "$ and class " + (Sigmoid.apply(a) >= 0.5 ? 1 : 0));
    assertThat(lesson).as("the point (2.5, 1)")
        .contains("$z = -3 + 2.5 + 1 = " + math(b) + "$, so $\\sigma(" + math(b) + ") = "
            + fixed(Sigmoid.apply(b), 4) + "$ and class " + (Sigmoid.apply(b) >= 0.5 ? 1 : 0));
    // 3: 1 - σ(40) against e^-40 / (1 + e^-40)
    assertThat(1 - Sigmoid.apply(40)).as("1 - σ(40) is exactly 0 in double precision").isZero();
    double tail = Math.exp(-40) / (1 + Math.exp(-40));
    assertThat(lesson).as("the lower tail at z = -40")
        .contains("gives the right $" + String.format(Locale.ROOT, "%.3f", tail / 1e-18)
            + " \\cdot 10^{-18}$");
    assertThat(Sigmoid.apply(-40)).as("the stable sigmoid keeps it").isCloseTo(tail, offset(1e-30));
  }

  // ---------------------------------------------------------------- lesson 2

  private static final double[] Y = {1, 0, 1, 0};
  private static final double[] Y_HAT = {0.9, 0.2, 0.6, 0.4};

  @Test
  void lesson2ScoresFourPredictionsWithMseMaeAndBce() {
    String lesson = flat(LESSON2);
    double sumSquares = 0;
    double sumAbs = 0;
    for (int i = 0; i < Y.length; i++) {
      double e = Y_HAT[i] - Y[i];
      sumSquares += e * e;
      sumAbs += Math.abs(e);
      double bce = BinaryCrossEntropy.loss(new double[] {Y_HAT[i]}, new double[] {Y[i]});
      String row = "| " + whole(Y[i]) + " | " + trim4(Y_HAT[i]) + " | " + trim4(e) + " | " + trim4(e * e) + " | "
          + trim4(Math.abs(e)) + " | " + fixed(bce, 4) + " |";
      assertThat(lesson).as("table row %d of the four predictions", i + 1).contains(row);
    }
    double mse = Losses.meanSquaredError(Y_HAT, Y);
    double mae = Losses.meanAbsoluteError(Y_HAT, Y);
    double bce = BinaryCrossEntropy.loss(Y_HAT, Y);
    assertThat(lesson).as("the mean row").contains("| **mean** | | | " + trim4(mse) + " | " + trim4(mae) + " | "
        + fixed(bce, 4) + " |");
    assertThat(lesson).as("MSE = 0.37/4, MAE = 1.1/4, BCE")
        .contains("the MSE is $" + trim4(sumSquares) + "/4 = " + trim4(mse) + "$")
        .contains("the MAE $" + trim4(sumAbs) + "/4 = " + trim4(mae) + "$")
        .contains("and the BCE cost " + fixed(bce, 4) + " (");
    assertThat(sumSquares / 4).isCloseTo(mse, offset(1e-15));
    assertThat(sumAbs / 4).isCloseTo(mae, offset(1e-15));

    double[] wrong = {0.9, 0.2, 0.6, 0.99};
    double e = 0.99 - 0;
    assertThat(lesson).as("the confidently wrong fourth prediction")
        .contains("Its squared error becomes " + trim4(e * e) + ", its absolute error " + trim4(e) + " and its BCE $-\\log "
            + trim4(1 - 0.99) + " = " + fixed(BinaryCrossEntropy.loss(new double[] {0.99}, new double[] {0}), 4) + "$");
    assertThat(lesson).as("the means with the confidently wrong prediction")
        .contains("the means become " + fixed(Losses.meanSquaredError(wrong, Y), 4) + " (MSE), "
            + fixed(Losses.meanAbsoluteError(wrong, Y), 4) + " (MAE) and " + fixed(BinaryCrossEntropy.loss(wrong, Y), 4)
            + " (BCE)");
    assertThat(Losses.meanSquaredError(wrong, Y)).as("the MSE with the wrong prediction is 0.297525, so 0.2975 to four places")
        .isCloseTo(0.297525, offset(1e-12));
  }

  @Test
  void lesson2ShowsThatTheLecturesMseCostIsTheNormOfTheErrors() {
    String lesson = flat(LESSON2);
    double sumSquares = 0;
    for (int i = 0; i < Y.length; i++) {
      sumSquares += (Y_HAT[i] - Y[i]) * (Y_HAT[i] - Y[i]);
    }
    double norm = Math.sqrt(sumSquares);
    double mse = Losses.meanSquaredError(Y_HAT, Y);
    assertThat(norm).as("norm = sqrt(m · MSE)").isCloseTo(Math.sqrt(Y.length * mse), offset(1e-15));
    assertThat(lesson).as("the norm, MSE and RMSE of the four errors")
        .contains("$\\sum_i E_i^2 = " + trim4(sumSquares) + "$, so $\\lVert E \\rVert_2 = " + fixed(norm, 4) + "$")
        .contains("while the MSE is " + trim4(mse) + " and its root, the RMSE, is $\\sqrt{" + trim4(mse) + "} = "
            + fixed(Math.sqrt(mse), 4) + "$");
    double[] twiceY = concat(Y, Y);
    double[] twiceYHat = concat(Y_HAT, Y_HAT);
    double twiceNorm = Math.sqrt(2 * sumSquares);
    assertThat(lesson).as("every sample twice: the MSE stays, the norm grows")
        .contains("the MSE stays " + trim4(Losses.meanSquaredError(twiceYHat, twiceY)) + ",")
        .contains("the norm grows to $\\sqrt{" + trim4(2 * sumSquares) + "} = " + fixed(twiceNorm, 4) + "$");
  }

  @Test
  void lesson2AnswersItsCheckYourselfQuestions() {
    String lesson = flat(LESSON2);
    // 1: the lectures' quiz
    assertThat(lesson).as("BCE for y = 1, ŷ = 0.2").contains("$-\\log 0.2 = " + fixed(bce(0.2, 1), 4) + "$");
    assertThat(lesson).as("BCE for y = 0, ŷ = 0.2").contains("$-\\log(1 - 0.2) = -\\log 0.8 = " + fixed(bce(0.2, 0), 4) + "$");
    assertThat(lesson).as("BCE for y = 1, ŷ = 0.9").contains("$-\\log 0.9 = " + fixed(bce(0.9, 1), 4) + "$");
    assertThat(bce(0.2, 1)).isCloseTo(-Math.log(0.2), offset(1e-12));
    assertThat(bce(0.2, 0)).isCloseTo(-Math.log(0.8), offset(1e-12));
    double cost = BinaryCrossEntropy.loss(new double[] {0.2, 0.2, 0.9}, new double[] {1, 0, 1});
    assertThat(lesson).as("the cost of the three").contains("The cost $J$ is their mean, " + fixed(cost, 4) + ".");
    // 2: dℓ/dz at ŷ = 0.01, y = 1
    double yHat = 0.01;
    double bceSlope = yHat - 1;
    double sigmaSlope = yHat * (1 - yHat);
    double squaredSlope = 2 * (yHat - 1) * sigmaSlope;
    assertThat(lesson).as("dℓ/dz for BCE and for the squared error")
        .contains("$\\hat{y} - y = " + math(bceSlope) + "$")
        .contains("= 2 \\cdot (" + math(bceSlope) + ") \\cdot " + trim4(sigmaSlope) + " = " + math4(squaredSlope) + "$");
    assertThat(bceSlope / squaredSlope).as("about 50 times smaller").isBetween(50.0, 51.0);
    // the slope through z agrees with a centred difference of (σ(z) - 1)^2
    double z = Math.log(yHat / (1 - yHat));
    double h = 1e-6;
    double numeric = (squared(Sigmoid.apply(z + h), 1) - squared(Sigmoid.apply(z - h), 1)) / (2 * h);
    assertThat(numeric).as("the squared error's slope in z").isCloseTo(squaredSlope, offset(1e-8));
    // 3: the norm of errors ±0.5
    double[] four = {0.5, 0.5, 0.5, 0.5};
    double[] zeros = new double[4];
    assertThat(Losses.meanSquaredError(four, zeros)).as("MSE of four errors 0.5").isEqualTo(0.25);
    assertThat(lesson).as("the MSE of ±0.5 errors").contains("The MSE is " + trim4(0.25) + " both times.");
    assertThat(lesson).as("the norm of four and of a hundred errors ±0.5")
        .contains("$\\sqrt{4 \\cdot 0.25} = " + whole(Math.sqrt(4 * 0.25)) + "$")
        .contains("$\\sqrt{100 \\cdot 0.25} = " + whole(Math.sqrt(100 * 0.25)) + "$");
  }

  // ---------------------------------------------------------------- helpers

  /** The lesson with its line breaks turned into spaces, so that a claim may wrap. */
  private static String flat(String file) {
    return LessonText.of(file).replaceAll("[ \\t]*\\n[ \\t]*", " ");
  }

  /** How many of the scores the rule "score >= mark means pass" gets wrong. */
  private static int errors(double[] scores, double[] passed, double mark) {
    int errors = 0;
    for (int i = 0; i < scores.length; i++) {
      if ((scores[i] >= mark ? 1 : 0) != passed[i]) {
        errors++;
      }
    }
    return errors;
  }

  private static double odds(double p) {
    return p / (1 - p);
  }

  private static double bce(double yHat, double y) {
    return BinaryCrossEntropy.loss(new double[] {yHat}, new double[] {y});
  }

  private static double squared(double yHat, double y) {
    return (yHat - y) * (yHat - y);
  }

  private static double circleScore(double[] w, double x1, double x2) {
    return w[0] + w[1] * x1 * x1 + w[2] * x2 * x2;
  }

  /** Slope and intercept of the least-squares line through (x, y). */
  private static double[] leastSquares(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / x.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double slope = sxy / sxx;
    return new double[] {slope, my - slope * mx};
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = new double[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** An integer, as the lessons print it; fails if {@code x} is not one (up to rounding). */
  private static String whole(double x) {
    long n = Math.round(x);
    assertThat(x).as("%s is a whole number", x).isCloseTo(n, offset(1e-9));
    return Long.toString(n);
  }

  /** {@code x} rounded to at most 4 places without trailing zeros ({@code 0.0925}, {@code 0.01}, {@code −0.4}). */
  private static String trim4(double x) {
    String s = BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    return s.startsWith("-") ? "−" + s.substring(1) : s;
  }

  /** A short number inside a formula, where the minus is ASCII. */
  private static String math(double x) {
    return trim4(x).replace('−', '-');
  }

  /** Four places inside a formula, where the minus is ASCII. */
  private static String math4(double x) {
    return fixed(x, 4).replace('−', '-');
  }
}
