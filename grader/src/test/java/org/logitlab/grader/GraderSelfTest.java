package org.logitlab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.report.GradescopeReport;

/**
 * The grader proves itself: the reference earns full marks, the untouched skeleton earns nothing and
 * still completes, and each classic mistake loses points in exactly the exercise it breaks.
 */
class GraderSelfTest {

  private static GradingConfig config;
  private static Grader grader;
  private static Optional<Path> mnist;

  @BeforeAll
  static void setUp() throws IOException, URISyntaxException {
    config = GradingConfig.load(Path.of(GraderSelfTest.class.getResource("/fast-grading.json").toURI()));
    mnist = Submissions.mnist();
    if (mnist.isEmpty() && "true".equals(System.getenv("LOGITLAB_REQUIRE_MNIST"))) {
      throw new IllegalStateException("MNIST_DIR is required in CI (LOGITLAB_REQUIRE_MNIST=true)");
    }
    grader = new Grader(config, mnist, Runtime.getRuntime().availableProcessors());
  }

  @Test
  void theReferenceEarnsFullMarks(@TempDir Path tmp) throws IOException {
    SubmissionResult result = grader.grade(Submissions.reference(tmp.resolve("alice")), 11, tmp.resolve("work"));

    assertThat(result.status()).as(result.error()).isEqualTo(SubmissionResult.Status.COMPLETE);
    for (ExerciseResult e : result.exercises()) {
      assertThat(e.status()).as("%s: %s", e.exercise(), e.problem()).isEqualTo(ExerciseResult.Status.GRADED);
      assertThat(e.tests()).as("%s has hidden tests", e.exercise()).isNotEmpty();
      for (TestOutcome t : e.tests()) {
        assertThat(t.status()).as("%s / %s: %s", e.exercise(), t.name(), t.feedback())
            .isIn(TestOutcome.Status.PASSED, mnist.isPresent() ? TestOutcome.Status.PASSED : TestOutcome.Status.SKIPPED);
      }
    }
    assertThat(result.score()).isCloseTo(result.maxScore(), within(1e-9));
    if (mnist.isPresent()) {
      assertThat(result.maxScore()).isCloseTo(config.maxScore(), within(1e-9));
      assertThat(result.mnistAccuracy()).isPresent();
      assertThat(result.mnistAccuracy().getAsDouble()).isGreaterThan(0.9);
    }
    // The hidden checks are named in grading.json as the README says.
    GradingConfig.Gradescope shown = new GradingConfig.Gradescope("visible", "hidden",
        Map.of("SIGMOID/keepsTheSubnormalTail", "hidden", "FIT/mnist", "after_published"));
    Map<String, List<String>> byVisibility = new TreeMap<>();
    GradescopeReport.toJson(result, shown).getAsJsonArray("tests").forEach(t -> {
      JsonObject entry = t.getAsJsonObject();
      if (entry.has("visibility")) {
        byVisibility.computeIfAbsent(entry.get("visibility").getAsString(), k -> new ArrayList<>())
            .add(entry.get("name").getAsString());
      }
    });
    assertThat(byVisibility.get("hidden")).isNotEmpty()
        .allSatisfy(name -> assertThat(name).startsWith(Exercise.SIGMOID + ": "));
    if (mnist.isPresent()) {
      assertThat(byVisibility.get("after_published")).singleElement()
          .satisfies(name -> assertThat(name).startsWith(Exercise.FIT + ": "));
    }
    assertThat(result.student()).isEqualTo("alice");
    assertThat(result.seed()).isEqualTo(11);
    assertThat(result.phaseMillis()).containsKeys("unpack", "compile", "run", "total");
  }

  @Test
  void theUntouchedSkeletonEarnsNothingAndCompletes(@TempDir Path tmp) throws IOException {
    SubmissionResult result = grader.grade(Submissions.skeleton(tmp.resolve("bob")), 12, tmp.resolve("work"));

    assertThat(result.status()).as(result.error()).isEqualTo(SubmissionResult.Status.COMPLETE);
    assertThat(result.score()).isZero();
    for (ExerciseResult e : result.exercises()) {
      assertThat(e.status()).isEqualTo(ExerciseResult.Status.GRADED);
      assertThat(e.passed()).as("%s tests passed by the skeleton", e.exercise()).isZero();
      assertThat(e.tests()).allSatisfy(t -> assertThat(t.feedback()).contains("is not done yet"));
    }
  }

  /** A classic mistake: the text {@code find} in the exercise's file becomes {@code replace}. */
  record Mutant(String name, Exercise exercise, String find, String replace) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The sample run by default ({@link Corpus}): one mutant of a loss, of backprop and of the training loop. */
  private static final Set<String> SAMPLE = Set.of("a sign error in the BCE gradient",
      "the 1/m missing on the hidden layer only", "a learning loop that never converges (it climbs the cost)");

  static List<Mutant> mutants() {
    return Corpus.of("End-to-end mutants", allMutants(), Mutant::toString, SAMPLE);
  }

  private static List<Mutant> allMutants() {
    return List.of(
        new Mutant("softmax without max-subtraction", Exercise.SOFTMAX,
            "out[j] = Math.exp(z[j] - max);", "out[j] = Math.exp(z[j]);"),
        new Mutant("a sign error in the BCE gradient", Exercise.BCE_GRADIENT,
            "residual[i] = yHat[i] - y[i];", "residual[i] = y[i] - yHat[i];"),
        new Mutant("the 1/m missing on the hidden layer only", Exercise.HIDDEN_BACKPROP,
            "Matrices.multiplyTransposeAInto(x, dZ1, 1.0 / m, grads.dW1());",
            "Matrices.multiplyTransposeAInto(x, dZ1, 1.0, grads.dW1());"),
        new Mutant("the 1/m missing on the output layer only", Exercise.OUTPUT_BACKPROP,
            "Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0 / m, grads.dW2());",
            "Matrices.multiplyTransposeAInto(pass.a1(), grads.dZ2(), 1.0, grads.dW2());"),
        new Mutant("the sigmoid derivative used with a tanh hidden layer", Exercise.HIDDEN_BACKPROP,
            "dZ1[i][j] *= g.derivativeFromOutput(a1[i][j]);", "dZ1[i][j] *= a1[i][j] * (1.0 - a1[i][j]);"),
        new Mutant("one-hot off by one", Exercise.ONE_HOT,
            "y[i][label] = 1.0;", "y[i][(label + 1) % classes] = 1.0;"),
        new Mutant("biases never updated", Exercise.FIT,
            "        Matrices.descend(b1, rate, grads.db1());\n", ""),
        new Mutant("outputs hard-coded for the public test inputs", Exercise.ONE_HOT,
            "    double[][] y = new double[labels.length][classes];",
            "    if (java.util.Arrays.equals(labels, new int[] {2, 0, 1, 2})) {\n"
                + "      return new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};\n"
                + "    }\n"
                + "    if (java.util.Arrays.equals(labels, new int[] {9, 3})) {\n"
                + "      double[][] r = new double[2][10];\n"
                + "      r[0][9] = 1;\n"
                + "      r[1][3] = 1;\n"
                + "      return r;\n"
                + "    }\n"
                + "    double[][] y = new double[labels.length][classes];"),
        new Mutant("a learning loop that never shuffles", Exercise.FIT, "      batches.shuffle();\n", ""),
        new Mutant("a learning loop that never converges (it climbs the cost)", Exercise.FIT,
            "double rate = options.learningRate();", "double rate = -options.learningRate();"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutants")
  void eachMutantLosesPointsInExactlyItsExercise(Mutant mutant, @TempDir Path tmp) throws IOException {
    Path submission = Submissions.reference(tmp.resolve("mutant"));
    Submissions.edit(submission, mutant.exercise(), mutant.find(), mutant.replace());

    SubmissionResult result = grader.grade(submission, 13, tmp.resolve("work"));

    assertThat(result.status()).as(result.error()).isEqualTo(SubmissionResult.Status.COMPLETE);
    for (ExerciseResult e : result.exercises()) {
      if (e.exercise() == mutant.exercise()) {
        assertThat(e.score()).as("%s: the broken exercise's score", mutant).isLessThan(e.maxScore());
      } else {
        assertThat(e.score()).as("%s: %s keeps its points; failing: %s", mutant, e.exercise(),
            e.tests().stream().filter(t -> t.status() == TestOutcome.Status.FAILED).map(TestOutcome::feedback).toList())
            .isCloseTo(e.maxScore(), within(1e-9));
      }
    }
  }

  @Test
  void aFileThatDoesNotCompileCostsOnlyItsExerciseAndItsErrorsAreReported(@TempDir Path tmp) throws IOException {
    Path submission = Submissions.reference(tmp.resolve("carol"));
    Submissions.edit(submission, Exercise.SOFTMAX, "double max = max(z);", "double max = max(z)");
    Files.delete(submission.resolve("src/main/java").resolve(Exercise.ONE_HOT.sourceFile()));

    SubmissionResult result = grader.grade(Submissions.zip(submission, tmp.resolve("carol.zip")), 14,
        tmp.resolve("work"));

    assertThat(result.student()).isEqualTo("carol");
    for (ExerciseResult e : result.exercises()) {
      switch (e.exercise()) {
        case SOFTMAX -> {
          assertThat(e.status()).isEqualTo(ExerciseResult.Status.DOES_NOT_COMPILE);
          assertThat(e.details()).anySatisfy(m -> assertThat(m).startsWith("Softmax.java:").contains("';' expected"));
          assertThat(e.score()).isZero();
        }
        case ONE_HOT -> {
          assertThat(e.status()).isEqualTo(ExerciseResult.Status.MISSING);
          assertThat(e.problem()).contains("src/main/java/org/logitlab/softmax/OneHot.java");
        }
        default -> assertThat(e.score()).as("%s", e.exercise()).isCloseTo(e.maxScore(), within(1e-9));
      }
    }
  }

  @Test
  void aSubmissionThatCannotBeReadIsAnErrorResultWithTheReason(@TempDir Path tmp) {
    SubmissionResult result = grader.grade(tmp.resolve("nobody.zip"), 15, tmp.resolve("work"));
    assertThat(result.status()).isEqualTo(SubmissionResult.Status.INCOMPLETE);
    assertThat(result.error()).contains("nobody.zip does not exist");
    assertThat(result.student()).isEqualTo("nobody");
    assertThat(result.maxScore()).isEqualTo(config.maxScore());
  }
}
