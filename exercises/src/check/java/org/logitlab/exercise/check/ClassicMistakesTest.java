package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;
import org.logitlab.exercise.TestMessages;

/**
 * Each point to watch that a lesson names is a mistake the public tests catch, with a message that
 * names it: the reference with the mistake put in fails the named public test, and the failure says
 * what the mistake probably is (the grader's hidden suites catch the same mistakes; see the grader's
 * HiddenSuitesMutantTest). A Korean student reads the same, in Korean.
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
        work, Language.ENGLISH);

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

  /**
   * The cause a Korean student reads for a representative set of the mistakes: {@code key} with
   * {@code values} in the public tests' bundle.
   */
  static Stream<Arguments> inKorean() {
    Map<String, Mistake> byName = mistakes().collect(Collectors.toMap(Mistake::name, m -> m));
    return Stream.of(
        Arguments.of(byName.get("the naive sigmoid 1 / (1 + e^(−z)) everywhere"), "sigmoid.subnormal",
            new Object[] {"z", -710.0, "minusZ", 710.0, "exp", Math.exp(-710.0)}),
        Arguments.of(byName.get("the BCE gradient summed, not averaged (no 1/m)"), "diagnosis.missingOneOverM",
            new Object[] {"m", 2}),
        Arguments.of(byName.get("the BCE gradient with y − ŷ"), "diagnosis.sign", new Object[0]),
        Arguments.of(byName.get("the lectures' Y − A2 with our step"), "diagnosis.sign", new Object[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inKorean")
  void aKoreanStudentReadsTheCauseAndTheLessonInKorean(Mistake mistake, String key, Object[] values,
      @TempDir Path work) throws IOException, ClassNotFoundException {
    PublicTestRun.Outcome outcome = PublicTestRun.runMistake(mistake.exercise(), mistake.find(), mistake.replace(),
        work, Language.KOREAN);

    String korean = Bundles.text(Language.KOREAN, key, values);
    String english = Bundles.text(Language.ENGLISH, key, values);
    assertThat(failures(outcome, mistake.exercise(), mistake.test())).as("%s: what %s says", mistake, mistake.test())
        .anySatisfy(message -> assertThat(message).contains(korean));
    String[] about = Bundles.in(Language.KOREAN, () -> mistake.exercise().about(Bundles.CAPTURED))
        .split(Bundles.CAPTURED);
    List<String> failures = failures(outcome, mistake.exercise(), "");
    assertThat(failures).as("%s: every failure names the exercise and the lesson to read", mistake)
        .allSatisfy(message -> assertThat(message).contains(about[0], about[1]))
        .noneSatisfy(message -> assertThat(message).contains(english));
    assertNoEnglish(failures, outcome.board());
    Matcher row = Pattern.compile("(?m)^  \\[FAIL\\] " + Pattern.quote(Bundles.in(Language.KOREAN,
        mistake.exercise()::toString)) + " +" + Bundles.shape(Bundles.text(Language.KOREAN, "board.partly",
        "passed", Bundles.NUMBER, "total", Bundles.NUMBER, "problem", Bundles.text(Language.KOREAN, "board.failing",
            "check", Bundles.CAPTURED, "reading", Bundles.in(Language.KOREAN, mistake.exercise()::reading))))
        + "$").matcher(outcome.board());
    assertThat(row.find()).as("%s: the Korean board's row of %s:%n%s", mistake, mistake.exercise(), outcome.board())
        .isTrue();
    String checked = row.group(1);
    assertThat(koreanChecks(mistake.exercise())).as("%s: what the board says the failing test checks", mistake)
        .anyMatch(check -> checked.equals(check) || checked.startsWith(check + " ("));
  }

  /**
   * An exercise left unfinished, in Korean: its tests say so and where to read, and the board says
   * that it is unfinished and that exercise 7, which trains through it, waits on it.
   */
  @Test
  void aKoreanStudentReadsWhatIsUnfinishedInKorean(@TempDir Path work) throws IOException, ClassNotFoundException {
    Exercise softmax = Exercise.SOFTMAX;
    PublicTestRun.Outcome outcome = PublicTestRun.run(EnumSet.complementOf(EnumSet.of(softmax)), work,
        Language.KOREAN);

    String korean = Bundles.in(Language.KOREAN, () -> softmax.unfinished().getMessage());
    String english = Bundles.in(Language.ENGLISH, () -> softmax.unfinished().getMessage());
    List<String> failures = concat(failures(outcome, softmax, ""), failures(outcome, Exercise.FIT, ""));
    assertThat(failures).as("the failures of %s and %s", softmax.testClass(), Exercise.FIT.testClass())
        .allSatisfy(message -> assertThat(message).contains(korean).doesNotContain(english));
    assertThat(outcome.board()).contains(
        "[ -- ] " + Bundles.in(Language.KOREAN, softmax::toString),
        Bundles.text(Language.KOREAN, "board.unfinished", "reading", Bundles.in(Language.KOREAN, softmax::reading)),
        "[ -- ] " + Bundles.in(Language.KOREAN, Exercise.FIT::toString),
        Bundles.text(Language.KOREAN, "board.waiting", "exercise", Bundles.in(Language.KOREAN, softmax::toString)));
    assertNoEnglish(failures, outcome.board());
  }

  /** Neither the failures nor the board hold an English phrase of ours. */
  private static void assertNoEnglish(List<String> failures, String board) {
    assertThat(failures).isNotEmpty();
    Set<String> english = Bundles.englishPhrases();
    for (String read : concat(failures, List.of(board))) {
      assertThat(english).as("English phrases of ours in: %s", read).noneMatch(read::contains);
    }
  }

  /** The messages of {@code exercise}'s failed tests: of the test method {@code test}, or of all if it is "". */
  private static List<String> failures(PublicTestRun.Outcome outcome, Exercise exercise, String test) {
    return outcome.results().get(exercise).stream()
        .filter(r -> r.status() == TestExecutionResult.Status.FAILED
            && (test.isEmpty() || r.name().contains("." + test + " ")))
        .map(r -> String.valueOf(r.failure().getMessage()))
        .toList();
  }

  /** What the board says each test of {@code exercise} checks, in Korean. */
  private static List<String> koreanChecks(Exercise exercise) {
    Messages korean = Messages.of(TestMessages.BUNDLE, Language.KOREAN);
    return korean.keys().stream().filter(key -> key.startsWith("check." + exercise.testClass() + "."))
        .map(korean::text).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
