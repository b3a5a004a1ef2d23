package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.logitlab.exercise.Exercise;

/**
 * Each point to watch that a lesson names is a mistake the public tests catch, with a message that
 * names it: the reference with the mistake put in fails the named public test, and the failure says
 * what the mistake probably is (the grader's hidden suites catch the same mistakes; see the grader's
 * HiddenSuitesMutantTest).
 */
class ClassicMistakesTest {

  /** A mistake: {@code find} becomes {@code replace} in the exercise's reference file. */
  record Mistake(String name, Exercise exercise, String find, String replace, String test, String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Mistake> mistakes() {
    return Stream.of(
        new Mistake("the naive sigmoid 1 / (1 + e^(−z)) everywhere", Exercise.SIGMOID,
            "    double e = Math.exp(z);\n    return e / (1.0 + e);", "    return 1.0 / (1.0 + Math.exp(-z));",
            "keepsTheSubnormalTailWhereTheNaiveFormOverflows", "for z < 0 use the form e^z / (1 + e^z)"),
        new Mistake("the BCE gradient summed, not averaged (no 1/m)", Exercise.BCE_GRADIENT,
            "Matrices.multiplyTransposeA(x, residual, 1.0 / m), sum / m)",
            "Matrices.multiplyTransposeA(x, residual, 1.0), sum)",
            "matchesTheClosedFormOnATinyBatch", "probably the missing 1/m: every entry is m = 2 times too large"),
        new Mistake("the BCE gradient with y − ŷ", Exercise.BCE_GRADIENT,
            "residual[i] = yHat[i] - y[i];", "residual[i] = y[i] - yHat[i];",
            "passesANumericalGradientCheck", "probably the sign"),
        new Mistake("softmax without subtracting the maximum", Exercise.SOFTMAX,
            "double max = max(z);", "double max = 0.0;",
            "hugeScoresStayFiniteAndEqualTheShiftedScores", "subtract max(z) from every score"),
        new Mistake("the lectures' Y − A2 with our step", Exercise.OUTPUT_BACKPROP,
            "Matrices.subtractInto(pass.a2(), y, grads.dZ2());", "Matrices.subtractInto(y, pass.a2(), grads.dZ2());",
            "theErrorAtTheScoresIsPredictionMinusTarget", "the lectures' code writes Y − A2 and W += η·dW"),
        new Mistake("dW2 without the 1/m", Exercise.OUTPUT_BACKPROP,
            "Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0 / m, grads.dW2());",
            "Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0, grads.dW2());",
            "weightAndBiasGradientsAreMeansOverTheBatch", "probably the missing 1/m: every entry is m = 2 times"),
        new Mistake("the slope by derivative(double) of A1", Exercise.HIDDEN_BACKPROP,
            "dZ1[i][j] *= g.derivativeFromOutput(a1[i][j]);", "dZ1[i][j] *= g.derivative(a1[i][j]);",
            "theHiddenErrorIsTheOutputErrorBackThroughW2TimesTheSlope", "it applies g twice"),
        new Mistake("the sigmoid's slope a(1 − a) hard-coded", Exercise.HIDDEN_BACKPROP,
            "dZ1[i][j] *= g.derivativeFromOutput(a1[i][j]);", "dZ1[i][j] *= a1[i][j] * (1 - a1[i][j]);",
            "theHiddenErrorIsTheOutputErrorBackThroughW2TimesTheSlope", "not a hard-coded sigmoid"),
        new Mistake("dW1 without the 1/m", Exercise.HIDDEN_BACKPROP,
            "Matrices.multiplyTransposeAInto(x, dZ1, 1.0 / m, grads.dW1());",
            "Matrices.multiplyTransposeAInto(x, dZ1, 1.0, grads.dW1());",
            "weightAndBiasGradientsPassANumericalGradientCheck", "probably the missing 1/m: every entry is m = 5 times"),
        new Mistake("a fit that shuffles once, before the epoch loop", Exercise.FIT,
            "    for (int epoch = 1; epoch <= options.epochs(); epoch++) {\n      long start = System.nanoTime();\n"
                + "      batches.shuffle();\n",
            "    batches.shuffle();\n    for (int epoch = 1; epoch <= options.epochs(); epoch++) {\n"
                + "      long start = System.nanoTime();\n",
            "everyEpochShufflesAgain", "shuffle at the start of every epoch"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aPublicTestCatchesTheMistakeAndNamesIt(Mistake mistake, @TempDir Path work)
      throws IOException, ClassNotFoundException {
    PublicTestRun.Outcome outcome = PublicTestRun.runMistake(mistake.exercise(), mistake.find(), mistake.replace(),
        work);

    List<PublicTestRun.TestResult> caught = outcome.results().get(mistake.exercise()).stream()
        .filter(r -> r.status() == TestExecutionResult.Status.FAILED && r.name().contains("." + mistake.test() + " "))
        .toList();
    assertThat(caught).as("%s: the failures of %s", mistake, mistake.test()).isNotEmpty();
    assertThat(caught).as("%s: what %s says", mistake, mistake.test())
        .anySatisfy(r -> assertThat(String.valueOf(r.failure().getMessage())).contains(mistake.says()));
    // The board names the failing test by what it checks ("failing: the error at the scores is ..."),
    // not by its parameters ("failing: [3] 20.0").
    assertThat(outcome.board()).as("%s: the progress board", mistake).containsPattern("\\[FAIL\\] "
        + Pattern.quote(mistake.exercise().toString()) + " +\\d+/\\d+ tests pass; failing: [a-z]+ [a-z]+");
  }
}
