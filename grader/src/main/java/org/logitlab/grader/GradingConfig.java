package org.logitlab.grader;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.logitlab.exercise.Exercise;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.logitlab.exercise.Language;
import org.logitlab.grader.hidden.HiddenSuites;
import org.logitlab.grader.hidden.MnistSuite;
import org.logitlab.grader.report.GradescopeReport;
import org.logitlab.grader.submission.Submission;

/**
 * Points and thresholds, from one JSON file an instructor can change. The defaults are
 * {@code grading.json} beside this class; a file given with {@code --config} overrides any of its
 * keys and keeps the rest.
 *
 * @param points the points of each exercise
 * @param mnist the end-to-end MNIST part of {@link Exercise#FIT}
 * @param gradientCheck relative-error thresholds of the gradient checks
 * @param randomCases random inputs drawn by each randomized check
 * @param limits what one exercise's grading JVM may use
 * @param gradescope what students see of the results on Gradescope
 * @param language the language of the feedback and the reports: the key {@code language} ({@code en} or
 *     {@code ko}) when the file has it, else the grader's own ({@link Language#current()}); the grading
 *     JVMs, and so the hidden suites, speak it too
 */
public record GradingConfig(Map<Exercise, Double> points, Mnist mnist, GradientCheck gradientCheck, int randomCases,
    Limits limits, Gradescope gradescope, Language language) {

  /** The key of the language in {@code grading.json}. */
  public static final String LANGUAGE = "language";

  /**
   * @param share the fraction of {@code FIT}'s points that the MNIST accuracy earns
   * @param threshold the test accuracy the student's network must reach
   * @param hidden hidden units
   * @param activation {@code sigmoid} or {@code tanh}
   * @param epochs training epochs
   * @param batchSize mini-batch size
   * @param learningRate learning rate
   * @param timeBudgetSeconds how long the student's {@code fit} may take
   */
  public record Mnist(double share, double threshold, int hidden, String activation, int epochs, int batchSize,
      double learningRate, int timeBudgetSeconds) {}

  /**
   * @param good below this relative error a gradient is right
   * @param wrong above this relative error a gradient is wrong
   */
  public record GradientCheck(double good, double wrong) {}

  /**
   * @param memoryMb the heap of each grading JVM
   * @param exerciseSeconds the wall-clock limit of each grading JVM
   * @param testSeconds the limit of one hidden test (the MNIST test has its own budget on top)
   * @param compileSeconds how long javac may take over one exercise file
   * @param unpackedMb the most a submission's zip may unpack to
   * @param zipEntries the most entries a submission's zip may hold
   */
  public record Limits(int memoryMb, int exerciseSeconds, int testSeconds, int compileSeconds, int unpackedMb,
      int zipEntries) {

    /** What a submission's zip may unpack to. */
    public Submission.ZipLimits zip() {
      return new Submission.ZipLimits((long) unpackedMb << 20, zipEntries);
    }
  }

  /**
   * When students see the results on Gradescope, in the terms of its autograder specification
   * ({@code visible}, {@code hidden}, {@code after_due_date}, {@code after_published}).
   *
   * @param visibility results.json's top-level visibility: the default of every test
   * @param stdoutVisibility whether students see the grader's printed output ({@code visible} or
   *     {@code hidden})
   * @param tests the visibility of one exercise's tests ({@code "FIT"}) or of one check
   *     ({@code "FIT/mnist"}), overriding the default
   */
  public record Gradescope(String visibility, String stdoutVisibility, Map<String, String> tests) {

    /** The values Gradescope's specification allows for a test's visibility. */
    public static final List<String> VISIBILITIES = List.of("visible", "hidden", "after_due_date", "after_published");

    /** Copies the map. */
    public Gradescope {
      tests = tests == null ? Map.of() : Map.copyOf(tests);
    }

    /** The visibility configured for the check {@code testId} of {@code exercise}, if any. */
    public Optional<String> of(Exercise exercise, String testId) {
      String check = tests.get(exercise.name() + "/" + testId);
      return Optional.ofNullable(check != null ? check : tests.get(exercise.name()));
    }

    /** Whether students see the check {@code testId} of {@code exercise} right after grading. */
    public boolean visibleNow(Exercise exercise, String testId) {
      return of(exercise, testId).orElse(visibility).equals("visible");
    }
  }

  private static final Gson GSON = new Gson();

  /** The bundled defaults. */
  public static GradingConfig defaults() {
    try {
      return parse(defaultJson(), "the bundled grading.json");
    } catch (IOException e) {
      throw new IllegalStateException("the grader's bundled grading.json is unreadable", e);
    }
  }

  /**
   * The defaults with the keys of {@code file} laid over them.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the file and the key when a value is missing, malformed or
   *     out of range
   */
  public static GradingConfig load(Path file) throws IOException {
    JsonObject merged = defaultJson();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonElement user = JsonParser.parseReader(reader);
      if (!user.isJsonObject()) {
        throw new IllegalArgumentException(file + ": the configuration must be a JSON object");
      }
      overlay(merged, user.getAsJsonObject());
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    return parse(merged, file.toString());
  }

  /** The total points of a submission. */
  public double maxScore() {
    return points.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static JsonObject defaultJson() throws IOException {
    try (InputStream in = GradingConfig.class.getResourceAsStream("grading.json")) {
      if (in == null) {
        throw new IOException("grading.json is missing from the grader");
      }
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    }
  }

  private static void overlay(JsonObject base, JsonObject top) {
    for (Map.Entry<String, JsonElement> entry : top.entrySet()) {
      JsonElement old = base.get(entry.getKey());
      if (old != null && old.isJsonObject() && entry.getValue().isJsonObject()) {
        overlay(old.getAsJsonObject(), entry.getValue().getAsJsonObject());
      } else {
        base.add(entry.getKey(), entry.getValue());
      }
    }
  }

  private static GradingConfig parse(JsonObject json, String source) {
    List<String> problems = new ArrayList<>();
    Map<Exercise, Double> points = new EnumMap<>(Exercise.class);
    JsonObject exercises = json.getAsJsonObject("exercises");
    for (String key : exercises.keySet()) {
      try {
        Exercise.valueOf(key);
      } catch (IllegalArgumentException e) {
        problems.add("exercises." + key + " is not an exercise; use " + List.of(Exercise.values()).stream()
            .map(Enum::name).toList());
      }
    }
    for (Exercise e : Exercise.values()) {
      double p = exercises.has(e.name()) ? exercises.get(e.name()).getAsDouble() : -1;
      if (!(p >= 0)) {
        problems.add("exercises." + e.name() + " must be a number of points ≥ 0");
      }
      points.put(e, p);
    }
    Mnist mnist = GSON.fromJson(json.get("mnist"), Mnist.class);
    GradientCheck gradientCheck = GSON.fromJson(json.get("gradientCheck"), GradientCheck.class);
    Limits limits = GSON.fromJson(json.get("limits"), Limits.class);
    int randomCases = json.get("randomCases").getAsInt();
    Gradescope gradescope = GSON.fromJson(json.get("gradescope"), Gradescope.class);
    require(problems, Gradescope.VISIBILITIES.contains(gradescope.visibility()),
        "gradescope.visibility must be one of " + Gradescope.VISIBILITIES);
    require(problems, List.of("visible", "hidden").contains(gradescope.stdoutVisibility()),
        "gradescope.stdoutVisibility must be visible or hidden");
    gradescope.tests().forEach((key, value) -> {
      String exercise = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
      boolean known = Stream.of(Exercise.values()).anyMatch(e -> e.name().equals(exercise));
      require(problems, known,
          "gradescope.tests." + key + ": " + exercise + " is not an exercise; use " + List.of(Exercise.values())
              .stream().map(Enum::name).toList() + ", alone or followed by /<check id>");
      if (known && key.contains("/")) {
        List<String> checks = checkIds(Exercise.valueOf(exercise));
        require(problems, checks.contains(key.substring(key.indexOf('/') + 1)), "gradescope.tests." + key + ": "
            + exercise + " has no check " + key.substring(key.indexOf('/') + 1) + "; its checks are " + checks);
      }
      require(problems, Gradescope.VISIBILITIES.contains(value),
          "gradescope.tests." + key + " must be one of " + Gradescope.VISIBILITIES);
    });
    require(problems, mnist.share() >= 0 && mnist.share() <= 1, "mnist.share must be in [0, 1]");
    require(problems, mnist.threshold() >= 0 && mnist.threshold() <= 1, "mnist.threshold must be in [0, 1]");
    require(problems, mnist.hidden() >= 1 && mnist.epochs() >= 1 && mnist.batchSize() >= 0,
        "mnist.hidden and mnist.epochs must be ≥ 1 and mnist.batchSize ≥ 0");
    require(problems, mnist.learningRate() > 0, "mnist.learningRate must be > 0");
    require(problems, List.of("sigmoid", "tanh").contains(String.valueOf(mnist.activation()).toLowerCase(Locale.ROOT)),
        "mnist.activation must be sigmoid or tanh");
    require(problems, mnist.timeBudgetSeconds() >= 1, "mnist.timeBudgetSeconds must be ≥ 1");
    require(problems, gradientCheck.good() > 0 && gradientCheck.good() <= gradientCheck.wrong(),
        "gradientCheck.good must be > 0 and ≤ gradientCheck.wrong");
    require(problems, randomCases >= 1, "randomCases must be ≥ 1");
    require(problems, limits.memoryMb() >= 64 && limits.exerciseSeconds() >= 1 && limits.testSeconds() >= 1
            && limits.compileSeconds() >= 1 && limits.unpackedMb() >= 1 && limits.zipEntries() >= 1,
        "limits.memoryMb must be ≥ 64; limits.exerciseSeconds, limits.testSeconds, limits.compileSeconds,"
            + " limits.unpackedMb and limits.zipEntries ≥ 1");
    Language language = language(json.get(LANGUAGE), problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
    }
    return new GradingConfig(points, mnist, gradientCheck, randomCases, limits, gradescope, language);
  }

  /** The language a {@code language} value names; without one, the grader's own. */
  private static Language language(JsonElement value, List<String> problems) {
    if (value == null || value.isJsonNull()) {
      return Language.current();
    }
    for (Language language : Language.values()) {
      if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() && value.getAsString().equals(language.tag())) {
        return language;
      }
    }
    problems.add(LANGUAGE + " is " + value + ": use \"en\" (English) or \"ko\" (Korean), or leave it out to speak"
        + " the grader's own language (-D" + Language.PROPERTY + ", " + Language.VARIABLE + ", the system locale)");
    return Language.ENGLISH;
  }

  /**
   * The ids of an exercise's checks, as {@code gradescope.tests} names them: its hidden tests' method
   * names, and {@value GradescopeReport#MNIST_CHECK} for the MNIST check of {@code FIT}.
   */
  static List<String> checkIds(Exercise exercise) {
    List<String> ids = new ArrayList<>();
    for (Class<?> suite : HiddenSuites.of(exercise)) {
      if (suite == MnistSuite.class) {
        ids.add(GradescopeReport.MNIST_CHECK);
        continue;
      }
      for (Method method : suite.getDeclaredMethods()) {
        if (AnnotationSupport.isAnnotated(method, Testable.class)) {
          ids.add(method.getName());
        }
      }
    }
    return ids.stream().sorted().toList();
  }

  private static void require(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }
}
