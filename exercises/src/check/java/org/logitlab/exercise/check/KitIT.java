package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;

/**
 * The student kit as an instructor hands it out: unpacked in a fresh folder, it holds the seven
 * exercise files, the rest of the library precompiled (with its sources) and no reference solution,
 * instructor tooling or check of our own; {@code mvn test} there (offline, against the local
 * repository) ends with the progress board, and one exercise that does not compile leaves the
 * others compiled and tested.
 */
class KitIT {

  @TempDir
  static Path unpacked;

  static Path kit;

  @BeforeAll
  static void unpack() throws IOException {
    Path zip = Path.of(System.getProperty("kit.zip"));
    // Where a student unpacks it: a folder whose name has a space and Korean letters.
    unpacked = Files.createDirectories(unpacked.resolve("바탕 화면"));
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path target = unpacked.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(unpacked)).as("zip entry %s stays inside the kit", entry.getName()).isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
    kit = unpacked.resolve("logit-lab-student-kit");
  }

  @Test
  void holdsTheBuildTheExerciseFilesThePublicTestsAndTheLessons() throws IOException {
    assertThat(kit.resolve("pom.xml")).content()
        .contains("<artifactId>logit-lab-student</artifactId>", "<artifactId>logit-lab-given</artifactId>")
        .doesNotContain("${junit", "${assertj", "${kit.", "${surefire", "\\${");
    assertThat(kit.resolve("README.md")).exists();
    assertThat(kit.resolve("README.ko.md")).as("the kit's README in Korean").exists();
    assertThat(kit.resolve("mvnw")).exists();
    assertThat(kit.resolve(".mvn/wrapper/maven-wrapper.properties")).exists();
    assertThat(kit.resolve(".mvn/maven.config")).exists();
    assertThat(kit.resolve(".mvn/jvm.config")).as("the kit's Maven starts with the client compiler").exists();
    assertThat(kit.resolve("lessons/01-classification-and-sigmoid.md")).exists();
    assertThat(kit.resolve("lessons/figures")).isNotEmptyDirectory();
    for (Exercise e : Exercise.values()) {
      assertThat(kit.resolve("src/test/java/org/logitlab/exercise/" + e.testClass() + ".java")).exists();
      for (Language language : Language.values()) {
        assertThat(kit.resolve(e.reading(language).replaceFirst("#.*", ""))).as("where %s sends a student to read in %s",
            e, language).exists();
      }
    }
    List<String> sources;
    try (Stream<Path> files = Files.walk(kit.resolve("src/main"))) {
      sources = files.filter(Files::isRegularFile).map(p -> kit.resolve("src/main/java").relativize(p).toString()
          .replace('\\', '/')).sorted().toList();
    }
    assertThat(sources).as("src/main holds the seven exercise files and nothing else")
        .containsExactlyInAnyOrderElementsOf(Stream.of(Exercise.values()).map(Exercise::sourceFile).toList());
  }

  @Test
  void givesTheRestOfTheLibraryPrecompiledWithItsSourcesAndNoInstructorTooling() throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.walk(kit.resolve("lib"))) {
      jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    assertThat(jars).hasSize(2);
    Map<String, byte[]> classes = entries(jars.stream().filter(p -> !p.toString().endsWith("-sources.jar")).findFirst()
        .orElseThrow());
    Map<String, byte[]> sources = entries(jars.stream().filter(p -> p.toString().endsWith("-sources.jar")).findFirst()
        .orElseThrow());
    assertThat(classes).containsKeys("org/logitlab/linalg/Matrices.class", "org/logitlab/cli/Main.class",
        "org/logitlab/data/iris.csv", "org/logitlab/activation/Sigmoid.class");
    assertThat(sources).containsKeys("org/logitlab/linalg/Matrices.java", "org/logitlab/network/ForwardPass.java");
    for (String name : concat(classes.keySet(), sources.keySet())) {
      assertThat(name).as("instructor tooling, reference or check in the given code")
          .doesNotStartWith("org/logitlab/tools/").doesNotStartWith("org/logitlab/reference/")
          .doesNotContain("SkeletonGenerator", "ChildFirstClassLoader", "exercise/check");
    }
    for (Map.Entry<String, byte[]> source : sources.entrySet()) {
      assertThat(new String(source.getValue(), StandardCharsets.UTF_8)).as(source.getKey())
          .doesNotContain("// BEGIN SOLUTION", "// END SOLUTION");
    }
  }

  private static List<String> concat(Collection<String> a, Collection<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, byte[]> entries(Path jar) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  @Test
  void holdsNoReferenceSolutionAndNoCheckOfOurOwn() throws IOException {
    List<String> solved = new ArrayList<>();
    int stubs = 0;
    try (Stream<Path> files = Files.walk(kit)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        if (text.lines().anyMatch(l -> l.trim().startsWith("// BEGIN SOLUTION") || l.trim().equals("// END SOLUTION"))) {
          solved.add(file.toString());
        }
        stubs += (int) text.lines().filter(l -> l.trim().matches("throw org\\.logitlab\\.exercise\\.Exercise\\.[A-Z_]+\\.unfinished\\(\\);")).count();
        assertThat(kit.relativize(file).toString()).doesNotContain("exercise/check").doesNotEndWith("IT.java");
      }
    }
    assertThat(solved).as("files with solution regions").isEmpty();
    assertThat(stubs).as("unfinished stubs, one per exercise").isEqualTo(Exercise.values().length);
  }

  @Test
  void mvnTestEndsWithTheBoardShowingEveryExerciseUnfinished() throws IOException, InterruptedException {
    Run test = mvn(kit, Language.ENGLISH, "test");
    assertThat(test.output).as(test.output).doesNotContain("COMPILATION ERROR");
    for (Exercise e : Exercise.values()) {
      assertThat(test.output).contains("[ -- ] " + e);
    }
    assertThat(test.lastLine()).as("the board is the last thing printed:%n%s", test.output)
        .isEqualTo("  0 of 7 exercises done");
    assertThat(test.exit).as("./mvnw test runs to the board").isZero();
    assertThat(mvn(kit, Language.ENGLISH, "verify").exit).as("./mvnw verify fails while exercises are unfinished")
        .isNotZero();
  }

  /**
   * {@code ./mvnw test -Dlogitlab.lang=ko}: Surefire hands the property on to the JVM it forks for the
   * tests, whose failures say in Korean which exercise is unfinished, and the board, which the build
   * prints in its own JVM after Surefire, speaks Korean too; so does {@code ./mvnw verify}'s failure.
   */
  @Test
  void mvnTestWithTheKoreanPropertySpeaksKoreanInTheTestsAndOnTheBoard() throws IOException, InterruptedException {
    Run test = mvn(kit, Language.KOREAN, "test");
    assertThat(test.exit).as(test.output).isZero();
    for (Exercise e : Exercise.values()) {
      assertThat(test.output).as("the failures reported from the tests' JVM")
          .contains(Bundles.in(Language.KOREAN, () -> e.unfinished().getMessage()))
          .doesNotContain(Bundles.in(Language.ENGLISH, () -> e.unfinished().getMessage()));
      assertThat(test.output).contains("[ -- ] " + Bundles.in(Language.KOREAN, e::toString) + " ");
    }
    assertThat(test.output).contains(Bundles.text(Language.KOREAN, "board.title"));
    assertThat(test.lastLine()).as("the board is the last thing printed:%n%s", test.output)
        .isEqualTo("  " + Bundles.text(Language.KOREAN, "board.count", "done", 0, "total", 7));
    Run verify = mvn(kit, Language.KOREAN, "verify");
    assertThat(verify.exit).isNotZero();
    assertThat(verify.output).contains(Bundles.text(Language.KOREAN, "board.left", "done", 0, "total", 7));
  }

  /**
   * The READMEs' other two ways to choose Korean: a line {@code -Dlogitlab.lang=ko} in the kit's
   * {@code .mvn/maven.config}, and the environment variable {@code LOGITLAB_LANG=ko}; each reaches both
   * the tests' JVM and the board.
   */
  @Test
  void aLineInMavenConfigOrTheEnvironmentVariableChoosesKorean(@TempDir Path work)
      throws IOException, InterruptedException {
    Path configured = copy(kit, work.resolve("kit"));
    Path config = configured.resolve(".mvn/maven.config");
    Files.writeString(config, Files.readString(config).strip() + "\n-D" + Language.PROPERTY + "=ko\n");
    Run byConfig = mvn(configured, Map.of(), "test", "-Dtest=" + Exercise.SIGMOID.testClass());
    Run byVariable = mvn(kit, Map.of(Language.VARIABLE, "ko"), "test", "-Dtest=" + Exercise.ONE_HOT.testClass());
    for (Run run : List.of(byConfig, byVariable)) {
      assertThat(run.exit).as(run.output).isZero();
      assertThat(run.output).as(run.output).contains(Bundles.text(Language.KOREAN, "board.title"));
      assertThat(run.lastLine()).isEqualTo("  " + Bundles.text(Language.KOREAN, "board.count", "done", 0, "total", 7));
    }
    assertThat(byConfig.output).contains(Bundles.in(Language.KOREAN, () -> Exercise.SIGMOID.unfinished().getMessage()));
    assertThat(byVariable.output).contains(Bundles.in(Language.KOREAN, () -> Exercise.ONE_HOT.unfinished().getMessage()));
  }

  /**
   * The student's loop, as a benchmark (it prints, it does not time out): exercise 1 written, the
   * file saved again, {@code test -Dtest=Exercise1SigmoidTest} run, warm (after one run that compiled
   * everything), until the board says the exercise is done. Printed beside Maven's own floor, a
   * {@code validate} of the same kit measured in the same run.
   */
  @Test
  void theStudentLoopIsTimed(@TempDir Path work) throws IOException, InterruptedException {
    Path student = copy(kit, work.resolve("kit"));
    Path sigmoid = student.resolve("src/main/java").resolve(Exercise.SIGMOID.sourceFile());
    replaceStub(sigmoid, "SIGMOID", referenceBody(Exercise.SIGMOID));
    String test = "-Dtest=" + Exercise.SIGMOID.testClass();
    assertThat(mvn(student, Map.of(), "-D" + Language.PROPERTY + "=en", "test", test).exit).isZero();
    List<Double> loops = new ArrayList<>();
    List<Double> floors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Files.writeString(sigmoid, Files.readString(sigmoid) + "// saved again\n");
      long start = System.nanoTime();
      Run run = mvn(student, Map.of(), "-D" + Language.PROPERTY + "=en", "test", test);
      loops.add((System.nanoTime() - start) / 1e9);
      assertThat(run.output).as(run.output).contains("[done] " + Exercise.SIGMOID);
      start = System.nanoTime();
      assertThat(mvn(student, Map.of(), "validate").exit).isZero();
      floors.add((System.nanoTime() - start) / 1e9);
    }
    double loop = median(loops);
    double floor = median(floors);
    System.out.printf(Locale.ROOT, "student loop (save Sigmoid.java, test it, board): %.2f s warm, median of 3;"
        + " Maven's floor (validate): %.2f s; loop/floor %.2f; the loop beyond Maven's floor %.2f s%n",
        loop, floor, loop / floor, loop - floor);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** The reference body of {@code exercise}'s solution region. */
  private static String referenceBody(Exercise exercise) throws IOException {
    String reference = Files.readString(Path.of(System.getProperty("logitlab.root"), "solutions/src/main/java",
        exercise.sourceFile()));
    Matcher body = Pattern.compile("// BEGIN SOLUTION " + exercise.name() + "\\n(.*?)\\s*// END SOLUTION",
        Pattern.DOTALL).matcher(reference);
    assertThat(body.find()).isTrue();
    return body.group(1).strip();
  }

  /**
   * A student who wrote exercise 1 and left a syntax error in exercise 4: exercise 1 is done, exercise
   * 4 does not compile and says where, the others are still tested (unfinished).
   */
  @Test
  void oneExerciseThatDoesNotCompileLeavesTheOthersTested(@TempDir Path work) throws IOException,
      InterruptedException {
    Path student = copy(kit, work.resolve("kit"));
    Path sigmoid = student.resolve("src/main/java").resolve(Exercise.SIGMOID.sourceFile());
    replaceStub(sigmoid, "SIGMOID", referenceBody(Exercise.SIGMOID));
    Path oneHot = student.resolve("src/main/java").resolve(Exercise.ONE_HOT.sourceFile());
    replaceStub(oneHot, "ONE_HOT", "double[][] y = new double[labels.length][classes]\n    return y;");
    int line = Files.readAllLines(oneHot).indexOf("    double[][] y = new double[labels.length][classes]") + 1;

    Run test = mvn(student, Language.ENGLISH, "test");
    assertThat(test.output).as(test.output)
        .contains("[done] " + Exercise.SIGMOID)
        .contains("[FAIL] " + Exercise.ONE_HOT)
        .contains("does not compile (OneHot.java:" + line + ": ';' expected)")
        .contains("1 of 7 exercises done");
    for (Exercise e : List.of(Exercise.BCE_GRADIENT, Exercise.SOFTMAX, Exercise.OUTPUT_BACKPROP,
        Exercise.HIDDEN_BACKPROP, Exercise.FIT)) {
      assertThat(test.output).contains("[ -- ] " + e);
    }
    assertThat(test.lastLine()).isEqualTo("  1 of 7 exercises done");
    Run verify = mvn(student, Language.ENGLISH, "verify");
    assertThat(verify.exit).isNotZero();
    assertThat(verify.output).contains("1 of 7 exercises done (1 not compiling)");
  }

  private static void replaceStub(Path file, String exercise, String code) throws IOException {
    String stub = "throw org.logitlab.exercise.Exercise." + exercise + ".unfinished();";
    String text = Files.readString(file);
    assertThat(text).contains(stub);
    Files.writeString(file, text.replace(stub, code));
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!from.relativize(p).startsWith("target")) {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  /** What a Maven run printed and how it ended. */
  private record Run(String output, int exit) {
    String lastLine() {
      List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  /**
   * Runs Maven in {@code dir}, offline against the build's local repository, as a student runs ./mvnw
   * who chose {@code language} with {@code -D}{@value Language#PROPERTY} (whatever this machine's locale).
   */
  private static Run mvn(Path dir, Language language, String goal) throws IOException, InterruptedException {
    return mvn(dir, Map.of(), "-D" + Language.PROPERTY + "=" + language.tag(), goal);
  }

  /**
   * Runs Maven in {@code dir} with {@code arguments}, offline against the build's local repository,
   * with {@code environment} added to an environment that chooses no language.
   */
  private static Run mvn(Path dir, Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    Path mvn = Path.of(System.getProperty("maven.home"), "bin", isWindows() ? "mvn.cmd" : "mvn");
    List<String> command = new ArrayList<>(List.of(mvn.toString(), "-o", "-B",
        "-Dmaven.repo.local=" + System.getProperty("maven.repo.local")));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().remove("MAVEN_OPTS");
    builder.environment().remove(Language.VARIABLE);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(output, process.exitValue());
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").startsWith("Windows");
  }
}
