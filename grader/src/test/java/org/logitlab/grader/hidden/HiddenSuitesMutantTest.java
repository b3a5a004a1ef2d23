package org.logitlab.grader.hidden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;

/**
 * Which classic mistake each hidden test is there to catch: the reference file of one exercise with
 * one mistake put in, compiled and run first on the class path as the grader does, must fail at least
 * the listed tests (MNIST is not run here: without an MNIST folder that test is aborted).
 */
public class HiddenSuitesMutantTest {

  /** The mistake: {@code find} becomes {@code replace} in the exercise's reference file (each pair in turn). */
  public record Mutant(String name, Exercise exercise, List<String> mustFail, String... edits) {

    /** Puts the mistake into the submission folder {@code dir} (laid out as the kit). */
    public Path applyTo(Path dir) throws IOException {
      for (int i = 0; i < edits.length; i += 2) {
        org.logitlab.grader.Submissions.edit(dir, exercise, edits[i], edits[i + 1]);
      }
      return dir;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The BCE of one sample from its score, the stable form (a student's own, for the finite-difference mutants). */
  private static final String PER_SAMPLE_LOSS = "  private static double perSample(double z, double y) {\n"
      + "    return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));\n  }\n\n";

  /** Every mutant: the lessons' classic mistakes, each put into the reference file of its exercise. */
  public static List<Mutant> mutants() {
    return List.of(
        new Mutant("sigmoid hard-coded for the public inputs, linear elsewhere", Exercise.SIGMOID,
            List.of("matchesTheReferenceOnRandomScores"),
            "    if (z >= 0) {\n      return 1.0 / (1.0 + Math.exp(-z));",
            "    if (z == 0 || Math.abs(z) >= 1000 || java.util.Arrays.asList(-5.0, -2.0, -0.5, 0.25, 1.0, 3.0, 8.0, 0.1, 2.0,"
                + " 20.0, 50.0, 700.0, -0.1, -20.0, -50.0, -700.0).contains(z)) {\n"
                + "      return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));\n"
                + "    }\n"
                + "    if (true) {\n      return Math.min(1, Math.max(0, 0.5 + z / 4));\n    }\n"
                + "    if (z >= 0) {\n      return 1.0 / (1.0 + Math.exp(-z));"),
        new Mutant("sigmoid as e^z / (1 + e^z) for every z", Exercise.SIGMOID,
            List.of("isExactlyOneForHugePositiveScores"),
            "    if (z >= 0) {\n      return 1.0 / (1.0 + Math.exp(-z));\n    }\n", ""),
        new Mutant("the naive sigmoid 1 / (1 + e^(−z)) for every z, which overflows to 0 below z ≈ −709.8",
            Exercise.SIGMOID, List.of("keepsTheSubnormalTail"),
            "    double e = Math.exp(z);\n    return e / (1.0 + e);", "    return 1.0 / (1.0 + Math.exp(-z));"),
        new Mutant("sigmoid as 1 − σ(−z) below 0, which loses the lower tail", Exercise.SIGMOID,
            List.of("isPreciseInTheLowerTail", "keepsTheSubnormalTail"),
            "    double e = Math.exp(z);\n    return e / (1.0 + e);", "    return 1.0 - 1.0 / (1.0 + Math.exp(z));"),
        new Mutant("a sign error in the BCE gradient", Exercise.BCE_GRADIENT,
            List.of("matchesTheReferenceOnRandomBatches", "weightGradientIsNotWrong", "biasGradientIsNotWrong"),
            "residual[i] = yHat[i] - y[i];", "residual[i] = y[i] - yHat[i];"),
        new Mutant("the BCE gradient summed over the batch, not averaged (the missing 1/m)", Exercise.BCE_GRADIENT,
            List.of("matchesTheReferenceOnRandomBatches", "weightGradientIsNotWrong", "biasGradientIsNotWrong"),
            "return new Gradient(Matrices.multiplyTransposeA(x, residual, 1.0 / m), sum / m);",
            "return new Gradient(Matrices.multiplyTransposeA(x, residual, 1.0), sum);"),
        new Mutant("the BCE gradient through σ'(z) = ŷ(1 − ŷ), NaN at ŷ = 0 or 1", Exercise.BCE_GRADIENT,
            List.of("isFiniteForPredictionsAtZeroAndOne"),
            "residual[i] = yHat[i] - y[i];", "double s = yHat[i] * (1 - yHat[i]);\n      residual[i] = (yHat[i] - y[i]) / s * s;"),
        new Mutant("the BCE gradient overwrites yHat", Exercise.BCE_GRADIENT, List.of("leavesItsArgumentsUnchanged"),
            "residual[i] = yHat[i] - y[i];", "yHat[i] -= y[i];\n      residual[i] = yHat[i];"),
        new Mutant("the BCE gradient by a central difference of its own per-sample loss at z = logit(ŷ)",
            Exercise.BCE_GRADIENT, List.of("isExactOnDyadicInputs", "isFiniteForPredictionsAtZeroAndOne"),
            "residual[i] = yHat[i] - y[i];",
            "double z = Math.log(yHat[i] / (1 - yHat[i]));\n"
                + "      residual[i] = (perSample(z + 1e-5, y[i]) - perSample(z - 1e-5, y[i])) / 2e-5;",
            "  private static void requireSameLength(", PER_SAMPLE_LOSS + "  private static void requireSameLength("),
        new Mutant("the BCE gradient by a fourth-order difference of its own per-sample loss", Exercise.BCE_GRADIENT,
            List.of("isExactOnDyadicInputs"),
            "residual[i] = yHat[i] - y[i];",
            "double z = Math.log(yHat[i]) - Math.log1p(-yHat[i]);\n      double h = 1e-3;\n"
                + "      residual[i] = (-perSample(z + 2 * h, y[i]) + 8 * perSample(z + h, y[i]) - 8 * perSample(z - h, y[i])"
                + " + perSample(z - 2 * h, y[i])) / (12 * h);",
            "  private static void requireSameLength(", PER_SAMPLE_LOSS + "  private static void requireSameLength("),
        new Mutant("the BCE gradient in float precision", Exercise.BCE_GRADIENT, List.of("weightGradientIsRight"),
            "residual[i] = yHat[i] - y[i];", "residual[i] = (float) (yHat[i] - y[i]);"),
        new Mutant("softmax without max-subtraction", Exercise.SOFTMAX,
            List.of("hugePositiveScoresEqualTheShiftedScores", "hugeNegativeScoresEqualTheShiftedScores"),
            "out[j] = Math.exp(z[j] - max);", "out[j] = Math.exp(z[j]);"),
        new Mutant("softmax adding to what out held", Exercise.SOFTMAX, List.of("writesIntoOutAndLeavesTheScoresAlone"),
            "out[j] = Math.exp(z[j] - max);", "out[j] += Math.exp(z[j] - max);"),
        new Mutant("softmax reading z after writing out", Exercise.SOFTMAX, List.of("worksInPlace"),
            "    for (int j = 0; j < out.length; j++) {\n      out[j] /= sum;",
            "    for (int j = 0; j < out.length; j++) {\n      out[j] = Math.exp(z[j] - max) / sum;"),
        new Mutant("one-hot off by one", Exercise.ONE_HOT, List.of("matchesTheReferenceOnRandomLabels"),
            "y[i][label] = 1.0;", "y[i][(label + 1) % classes] = 1.0;"),
        new Mutant("one-hot naming every bad label in its message, not the first", Exercise.ONE_HOT,
            List.of("namesTheFirstBadLabel"),
            "      if (label < 0 || label >= classes) {\n        throw new IllegalArgumentException(\"label at index \" + i",
            "      if (label < 0 || label >= classes) {\n        StringBuilder all = new StringBuilder();\n"
                + "        for (int j = 0; j < labels.length; j++) {\n"
                + "          all.append(\"index \").append(j).append(\" is \").append(labels[j]).append(\"; \");\n"
                + "        }\n"
                + "        throw new IllegalArgumentException(all + \"label at index \" + i"),
        new Mutant("one-hot accepting the label k", Exercise.ONE_HOT, List.of("rejectsALabelEqualToTheNumberOfClasses"),
            "if (label < 0 || label >= classes) {", "if (label < 0 || label > classes) {"),
        new Mutant("one-hot with as many columns as the largest label needs", Exercise.ONE_HOT,
            List.of("hasOneColumnPerClassEvenForClassesThatNeverOccur"),
            "double[][] y = new double[labels.length][classes];",
            "int k = 1;\n    for (int l : labels) {\n      k = Math.max(k, Math.min(l + 1, classes));\n    }\n"
                + "    double[][] y = new double[labels.length][k];"),
        new Mutant("one-hot hard-coded for the public inputs, all zeros elsewhere", Exercise.ONE_HOT,
            List.of("matchesTheReferenceOnRandomLabels"),
            "      y[i][label] = 1.0;", "      if (labels.length == 4 || labels.length == 2) {\n        y[i][label] = 1.0;\n      }"),
        new Mutant("one-hot hard-coded for the public tests' label arrays, whatever the classes", Exercise.ONE_HOT,
            List.of("hasOneColumnPerClassEvenForClassesThatNeverOccur"),
            "    double[][] y = new double[labels.length][classes];",
            "    if (java.util.Arrays.equals(labels, new int[] {2, 0, 1, 2})) {\n"
                + "      return new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};\n    }\n"
                + "    if (java.util.Arrays.equals(labels, new int[] {9, 3})) {\n"
                + "      double[][] r = new double[2][10];\n      r[0][9] = 1;\n      r[1][3] = 1;\n      return r;\n    }\n"
                + "    double[][] y = new double[labels.length][classes];"),
        new Mutant("dW2 not divided by m", Exercise.OUTPUT_BACKPROP,
            List.of("weightAndBiasGradientsMatchTheReference", "weightGradientIsNotWrong"),
            "Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0 / m, grads.dW2());",
            "Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0, grads.dW2());"),
        new Mutant("dZ2 = Y − A2, the lectures' convention, with our step θ ← θ − α·dθ", Exercise.OUTPUT_BACKPROP,
            List.of("theErrorAtTheScoresIsPredictionMinusTarget", "weightAndBiasGradientsMatchTheReference",
                "weightGradientIsNotWrong"),
            "Matrices.subtractInto(pass.a2(), y, grads.dZ2());", "Matrices.subtractInto(y, pass.a2(), grads.dZ2());"),
        new Mutant("dW2 added to what the buffer held", Exercise.OUTPUT_BACKPROP, List.of("overwritesTheGivenBuffers"),
            "Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0 / m, grads.dW2());",
            "double[][] a1 = pass.a1();\n    for (int s = 0; s < m; s++) {\n      for (int i = 0; i < a1[s].length; i++) {\n"
                + "        for (int j = 0; j < y[s].length; j++) {\n"
                + "          grads.dW2()[i][j] += a1[s][i] * grads.dZ2()[s][j] / m;\n        }\n      }\n    }"),
        new Mutant("output backprop dividing A1 by m in place (dW2 right, A1 spoilt for the hidden layer)",
            Exercise.OUTPUT_BACKPROP, List.of("leavesItsArgumentsUnchanged"),
            "Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0 / m, grads.dW2());",
            "for (double[] row : pass.a1()) {\n      for (int j = 0; j < row.length; j++) {\n        row[j] /= m;\n      }\n    }\n"
                + "    Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0, grads.dW2());"),
        new Mutant("output backprop computing dZ2 in A2's place", Exercise.OUTPUT_BACKPROP,
            List.of("leavesItsArgumentsUnchanged"),
            "Matrices.subtractInto(pass.a2(), y, grads.dZ2());",
            "Matrices.subtractInto(pass.a2(), y, pass.a2());\n"
                + "    for (int i = 0; i < m; i++) {\n      grads.dZ2()[i] = pass.a2()[i].clone();\n    }"),
        new Mutant("hidden backprop dividing X by m in place (dW1 right, the training set spoilt)",
            Exercise.HIDDEN_BACKPROP, List.of("leavesItsArgumentsUnchanged"),
            "Matrices.multiplyTransposeAInto(x, dZ1, 1.0 / m, grads.dW1());",
            "for (double[] row : x) {\n      for (int j = 0; j < row.length; j++) {\n        row[j] /= m;\n      }\n    }\n"
                + "    Matrices.multiplyTransposeAInto(x, dZ1, 1.0, grads.dW1());"),
        new Mutant("hidden backprop with the slope by a fourth-order central difference of g", Exercise.HIDDEN_BACKPROP,
            List.of("isExactOnDyadicInputs"),
            "dZ1[i][j] *= g.derivativeFromOutput(a1[i][j]);",
            "double z = pass.z1()[i][j];\n        double h = 1e-3;\n"
                + "        dZ1[i][j] *= (-g.apply(z + 2 * h) + 8 * g.apply(z + h) - 8 * g.apply(z - h) + g.apply(z - 2 * h))"
                + " / (12 * h);"),
        new Mutant("hidden backprop computing the whole Xᵀ·dZ1 product once per weight (a pass per weight, as a"
            + " numerical derivative costs)", Exercise.HIDDEN_BACKPROP, List.of("costsAsLittleAsBackprop"),
            "Matrices.multiplyTransposeAInto(x, dZ1, 1.0 / m, grads.dW1());",
            "for (int p = 0; p < grads.dW1().length; p++) {\n"
                + "      for (int r = 0; r < grads.dW1()[p].length; r++) {\n"
                + "        grads.dW1()[p][r] = Matrices.multiplyTransposeA(x, dZ1)[p][r] / m;\n"
                + "      }\n    }"),
        new Mutant("dW1 not divided by m", Exercise.HIDDEN_BACKPROP,
            List.of("weightAndBiasGradientsMatchTheReference", "weightGradientIsNotWrong"),
            "Matrices.multiplyTransposeAInto(x, dZ1, 1.0 / m, grads.dW1());",
            "Matrices.multiplyTransposeAInto(x, dZ1, 1.0, grads.dW1());"),
        new Mutant("the sigmoid derivative used with a tanh hidden layer", Exercise.HIDDEN_BACKPROP,
            List.of("theHiddenErrorUnderTanh", "weightGradientIsNotWrong", "biasGradientIsNotWrong"),
            "dZ1[i][j] *= g.derivativeFromOutput(a1[i][j]);", "dZ1[i][j] *= a1[i][j] * (1.0 - a1[i][j]);"),
        new Mutant("biases never updated in fit", Exercise.FIT, List.of("aFullBatchEpochStepsTheBiases"),
            "        Matrices.descend(b1, rate, grads.db1());\n", "",
            "        Matrices.descend(b2, rate, grads.db2());\n", ""),
        new Mutant("a learning loop that never shuffles", Exercise.FIT,
            List.of("theShuffleSeedDecidesTheOrder", "everyEpochReshuffles"), "      batches.shuffle();\n", ""),
        new Mutant("a learning loop that shuffles once, not every epoch", Exercise.FIT, List.of("everyEpochReshuffles"),
            "      batches.shuffle();\n", "",
            "    double[] costs = new double[options.epochs()];\n",
            "    double[] costs = new double[options.epochs()];\n    batches.shuffle();\n"),
        new Mutant("a learning loop that never shuffles but nudges W1 by a seed- and epoch-dependent 1e-9",
            Exercise.FIT, List.of("anEpochStepsOnceOnEverySample", "theShuffleSeedDecidesTheOrder", "everyEpochReshuffles"),
            "      batches.shuffle();\n", "      w1[0][0] += 1e-9 * new java.util.Random(options.seed() + epoch).nextDouble();\n"),
        new Mutant("a learning loop that never shuffles but nudges W1 by 1e-15 per seed and epoch", Exercise.FIT,
            List.of("theShuffleSeedDecidesTheOrder", "everyEpochReshuffles"),
            "      batches.shuffle();\n", "      w1[0][0] += 1e-15 * new java.util.Random(options.seed() + epoch).nextInt(3);\n"),
        new Mutant("a learning loop that samples with replacement", Exercise.FIT, List.of("anEpochStepsOnceOnEverySample"),
            "        double[][] xb = xRows.get(b);\n        double[][] yb = yRows.get(b);\n",
            "        java.util.Random pick = new java.util.Random(options.seed() * 31 + epoch * 1000 + b);\n"
                + "        int drawn = pick.nextInt(batches.count());\n"
                + "        double[][] xb = xRows.get(drawn);\n        double[][] yb = yRows.get(drawn);\n"),
        new Mutant("fit centring X in place", Exercise.FIT, List.of("leavesTheTrainingDataUnchanged"),
            "    MiniBatches batches = new MiniBatches(x.length, options);",
            "    for (double[] row : x) {\n      row[0] -= 0.5;\n    }\n"
                + "    MiniBatches batches = new MiniBatches(x.length, options);"),
        new Mutant("a learning loop that climbs the cost", Exercise.FIT,
            List.of("learnsSeparableClasses", "aFullBatchEpochStepsTheWeights"),
            "double rate = options.learningRate();", "double rate = -options.learningRate();"),
        new Mutant("a learning loop that ignores the learning rate", Exercise.FIT,
            List.of("aFullBatchEpochStepsTheWeights", "theEpochCostIsTheSizeWeightedMeanOfTheBatchCosts"),
            "double rate = options.learningRate();", "double rate = 0.5;"),
        new Mutant("an epoch cost that is the unweighted mean of the batch costs", Exercise.FIT,
            List.of("theEpochCostIsTheSizeWeightedMeanOfTheBatchCosts"),
            "costSum += CrossEntropy.fromProbabilities(pass.a2(), yb) * xb.length;",
            "costSum += CrossEntropy.fromProbabilities(pass.a2(), yb);",
            "costs[epoch - 1] = costSum / x.length;", "costs[epoch - 1] = costSum / batches.count();"),
        new Mutant("an epoch cost measured after the steps", Exercise.FIT, List.of("theCostHistoryIsTheLossBeforeEachStep"),
            "        costSum += CrossEntropy.fromProbabilities(pass.a2(), yb) * xb.length;\n", "",
            "        listener.onBatch(", "        forward(xb, pass);\n"
                + "        costSum += CrossEntropy.fromProbabilities(pass.a2(), yb) * xb.length;\n        listener.onBatch("),
        new Mutant("a learning loop that skips the last, smaller batch", Exercise.FIT,
            List.of("trainsOnTheLastSmallerBatch"),
            "for (int b = 0; b < batches.count(); b++) {", "for (int b = 0; b < x.length / batches.size(0); b++) {"),
        new Mutant("a listener told full batches only", Exercise.FIT, List.of("tellsTheListenerAboutEveryBatchAndEpoch"),
            "listener.onBatch(epoch, b * batches.size(0) + xb.length, x.length);",
            "listener.onBatch(epoch, (b + 1) * batches.size(0), x.length);"));
  }

  /** The reference file of the mutant's exercise with its mistake put in, compiled into {@code tmp}. */
  private static Path compile(Mutant mutant, Path tmp) throws IOException {
    String source = SuiteRuns.referenceSource(mutant.exercise());
    for (int i = 0; i < mutant.edits().length; i += 2) {
      assertThat(source).as("%s: the text to replace", mutant).contains(mutant.edits()[i]);
      source = source.replace(mutant.edits()[i], mutant.edits()[i + 1]);
    }
    return SuiteRuns.compile(mutant.exercise(), source, tmp);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutants")
  void eachMistakeFailsTheTestsThatAreThereToCatchIt(Mutant mutant, @TempDir Path tmp) throws IOException {
    Path classes = compile(mutant, tmp);

    List<SuiteRuns.Outcome> outcomes = SuiteRuns.isolated(mutant.exercise(), classes,
        Map.of(GradingParameters.SEED, "3"));

    List<String> failed = outcomes.stream().filter(o -> !o.passed() && !o.method().equals("reachesTheThresholdOnMnist"))
        .map(SuiteRuns.Outcome::method).toList();
    assertThat(failed).as("%s: the failing tests", mutant).containsAll(mutant.mustFail());
  }

  /**
   * The lessons' classic mistakes whose fingerprint a hidden test reads: the test fails with the
   * cause's sentence and publishes the cause, which the class report counts; a mistake without a
   * fingerprint (float precision) publishes none.
   */
  @Test
  void theMistakesTheLessonsNameArePublishedAsTheirCause(@TempDir Path tmp) throws IOException {
    Map<String, Map<String, Cause>> expected = Map.of(
        "a sign error in the BCE gradient", Map.of("matchesTheReferenceOnRandomBatches", Cause.SIGN,
            "weightGradientIsNotWrong", Cause.SIGN, "biasGradientIsNotWrong", Cause.SIGN),
        "the BCE gradient summed over the batch, not averaged (the missing 1/m)",
        Map.of("matchesTheReferenceOnRandomBatches", Cause.MISSING_ONE_OVER_M,
            "weightGradientIsNotWrong", Cause.MISSING_ONE_OVER_M, "biasGradientIsNotWrong", Cause.MISSING_ONE_OVER_M),
        "the BCE gradient through σ'(z) = ŷ(1 − ŷ), NaN at ŷ = 0 or 1",
        Map.of("isFiniteForPredictionsAtZeroAndOne", Cause.NOT_FINITE),
        "dW2 not divided by m", Map.of("weightAndBiasGradientsMatchTheReference", Cause.MISSING_ONE_OVER_M,
            "weightGradientIsNotWrong", Cause.MISSING_ONE_OVER_M),
        "dZ2 = Y − A2, the lectures' convention, with our step θ ← θ − α·dθ",
        Map.of("theErrorAtTheScoresIsPredictionMinusTarget", Cause.SIGN,
            "weightAndBiasGradientsMatchTheReference", Cause.SIGN, "weightGradientIsNotWrong", Cause.SIGN));
    int n = 0;
    for (var mutantCauses : expected.entrySet()) {
      Mutant mutant = mutant(mutantCauses.getKey());
      List<SuiteRuns.Outcome> outcomes = SuiteRuns.isolated(mutant.exercise(), compile(mutant, tmp.resolve("m" + n++)),
          Map.of(GradingParameters.SEED, "3"));
      for (var testCause : mutantCauses.getValue().entrySet()) {
        SuiteRuns.Outcome outcome = outcomes.stream().filter(o -> o.method().equals(testCause.getKey())).findFirst()
            .orElseThrow();
        assertThat(outcome.passed()).as("%s: %s", mutant, outcome).isFalse();
        assertThat(outcome.entries()).as("%s: %s", mutant, outcome)
            .containsEntry(org.logitlab.grader.TestOutcome.CAUSE, testCause.getValue().name());
        assertThat(outcome.message()).as("%s", mutant)
            .contains(" — " + testCause.getValue().sentence(2).split(":")[0]);
      }
    }
    Mutant floats = mutant("the BCE gradient in float precision");
    SuiteRuns.Outcome imprecise = failed(floats, tmp.resolve("float"), "weightGradientIsRight");
    assertThat(imprecise.entries()).as("%s", imprecise).doesNotContainKey(org.logitlab.grader.TestOutcome.CAUSE);
  }

  /** The mutant named {@code name}. */
  public static Mutant mutant(String name) {
    return mutants().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aMistakeIsExplainedInKoreanWhenTheStudentReadsKorean(@TempDir Path tmp) throws IOException {
    Messages korean = Messages.of(Checks.BUNDLE, Language.KOREAN);
    Mutant naive = mutant("the naive sigmoid 1 / (1 + e^(−z)) for every z, which overflows to 0 below z ≈ −709.8");
    SuiteRuns.Outcome tail = failed(naive, tmp.resolve("naive"), "keepsTheSubnormalTail");
    assertThat(tail.displayName()).isEqualTo(korean.text("SigmoidSuite.keepsTheSubnormalTail"));
    assertThat(tail.message()).contains("연습 1 (시그모이드): Sigmoid.apply(", "먼 꼬리의 무작위 점수 #",
            "(시드 3). 여기서 0이 나왔다면 e^(−z)가 오버플로한 것입니다: z < 0에서는 e^z / (1 + e^z)로 계산하세요",
            "을 읽어 보세요")
        .doesNotContain("overflowed", "random score", "of seed", "Exercise 1", " — read ");

    Mutant unscaled = mutant("dW2 not divided by m");
    SuiteRuns.Outcome check = failed(unscaled, tmp.resolve("unscaled"), "weightGradientIsNotWrong");
    assertThat(check.displayName()).isEqualTo(korean.text("OutputBackpropSuite.weightGradientIsNotWrong"));
    assertThat(check.message()).contains("연습 5 (출력층 역전파): dW2을(를) 손실의 중앙 차분(h = 1e-5)과 비교: 무작위 경우 ",
            "가장 나쁜 무작위 배치 #", "(시드 3) (샘플 ", "최대 상대 오차 ", "해석적 기울기 ", "수치 기울기 ")
        .doesNotContain("against centered differences", "random batch", "max relative error", "analytic");
  }

  /** The outcome of the test {@code method} on the mutant, graded in Korean; it must have failed. */
  private static SuiteRuns.Outcome failed(Mutant mutant, Path tmp, String method) throws IOException {
    List<SuiteRuns.Outcome> outcomes = SuiteRuns.isolated(mutant.exercise(), compile(mutant, tmp),
        Map.of(GradingParameters.SEED, "3", Language.PROPERTY, "ko"));
    SuiteRuns.Outcome outcome = outcomes.stream().filter(o -> o.method().equals(method)).findFirst().orElseThrow();
    assertThat(outcome.passed()).as("%s: %s", mutant, outcome).isFalse();
    return outcome;
  }
}
