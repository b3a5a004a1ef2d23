package org.logitlab.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every command of README.md, of the student kit's README and of the lessons, run exactly as written
 * where its reader runs it: README.md's in a fresh copy of the repository (at a path with a space),
 * the kit's and the lessons' inside the kit that copy builds, unpacked in a folder with Korean
 * letters and a space, as a Korean student's desktop is. Each result is checked (grades, accuracies,
 * files written), not only the exit code. A documented command that no test here runs fails the
 * build ({@link #everyDocumentedCommandWasRun()}), and the ledger of what ran is printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocumentedCommandsIT {

  private static final Path ROOT = Path.of(System.getProperty("logitlab.root", "..")).toAbsolutePath().normalize();
  private static final String README = "README.md";
  private static final String KIT_README = "exercises/src/kit/README.md";
  private static final String KIT_README_KO = "exercises/src/kit/README.ko.md";
  private static final String WORKFLOW = "exercises/src/kit/github/workflows/classroom.yml";
  /** The seven exercise files, as the README's table names them. */
  static final List<String> EXERCISE_FILES = List.of("activation/Sigmoid.java",
      "loss/BinaryCrossEntropy.java", "activation/Softmax.java", "softmax/OneHot.java", "network/OutputLayer.java",
      "network/HiddenLayer.java", "network/TwoLayerNet.java");
  private static final Pattern ACCURACY = Pattern.compile("final test accuracy: (\\d\\.\\d+) \\((\\d+)/(\\d+) on ([\\w-]+)\\)");
  private static final Pattern ROW = Pattern.compile("^(.*?),((?:[\\d.]*,){7})([\\d.]*),([\\d.]+),(\"[^\"]*\"|[^,]*),.*$");

  private final Shell shell = new Shell();
  private final Map<DocumentedCommands.Command, String> documented = new LinkedHashMap<>();
  private final Set<DocumentedCommands.Command> ran = new LinkedHashSet<>();
  private Path base;
  private Path clone;
  private Path kit;
  private Path solvedKit;
  private boolean bwrap;

  @BeforeAll
  void copyTheRepository() throws IOException, InterruptedException {
    for (Path doc : documents()) {
      for (DocumentedCommands.Command c : DocumentedCommands.of(doc)) {
        documented.put(c, c.where(ROOT));
      }
    }
    String mnist = System.getenv("MNIST_DIR");
    if (mnist == null || !Files.isDirectory(Path.of(mnist))) {
      if ("true".equals(System.getenv("LOGITLAB_REQUIRE_MNIST"))) {
        fail("MNIST is required (LOGITLAB_REQUIRE_MNIST=true): set MNIST_DIR; the documented commands grade with it");
      }
      assumeTrue(false, "MNIST_DIR is not set: the documented commands need MNIST, so they are not run");
    }
    bwrap = shell.run("command -v bwrap && bwrap --dev-bind / / true", ROOT, 1).code() == 0;
    base = Files.createTempDirectory("logitlab-acceptance");
    clone = base.resolve("fresh clone/logit-lab");
    copyRepository(clone);
  }

  @AfterAll
  void printTheLedger() throws IOException {
    System.out.println();
    System.out.println("Documented commands run (" + shell.ledger().size() + "):");
    for (Shell.Entry e : shell.ledger()) {
      System.out.printf("  %-44s in %-28s exit %d  %s%n      %s%n", e.where(), e.dir(), e.code(), e.checked(),
          e.command());
    }
    if (base != null) {
      Trees.delete(base);
    }
  }

  @Test
  @Order(1)
  void packageBuildsTheLibraryTheGraderAndTheKit() throws Exception {
    Shell.Result build = runDocumented(README, "./mvnw -B package -DskipTests", clone, 15);
    assertThat(build.code()).as(build.output()).isZero();
    assertThat(clone.resolve("grader/target/logit-lab-grader.jar")).isRegularFile();
    assertThat(clone.resolve("exercises/target/logit-lab-student-kit.zip")).isRegularFile();
    assertThat(clone.resolve("solutions/target/logit-lab-0.1.0-SNAPSHOT.jar")).isRegularFile();
    checked(build, "built the library jar, the grader jar and the student kit");

    Shell.Result version = shell.run("java -jar grader/target/logit-lab-grader.jar --version", clone, 1);
    assertThat(version.output()).startsWith("logit-lab-grader 0.1.0-SNAPSHOT");
    Shell.Result help = shell.run("java -jar grader/target/logit-lab-grader.jar --help", clone, 1);
    assertThat(help.code()).isZero();
    assertThat(help.output()).contains("grade-all FOLDER", "Exit codes:");
  }

  @Test
  @Order(2)
  void theMainJobsTrainToTheAccuraciesTheDocsGive() throws Exception {
    Shell.Result demo = runDocumented(README, "./mvnw -B -q -pl solutions compile exec:java", clone, 5);
    assertThat(demo.code()).as(demo.output()).isZero();
    Map<String, Double> accuracies = accuracies(demo.output());
    assertThat(accuracies).containsOnlyKeys("toy", "breast-cancer-test", "iris-test");
    assertThat(accuracies.get("toy")).isEqualTo(1.0);
    assertThat(accuracies.get("breast-cancer-test")).isGreaterThanOrEqualTo(0.95);
    assertThat(accuracies.get("iris-test")).isGreaterThanOrEqualTo(0.9);
    checked(demo, "toy 6/6, breast cancer and iris above 0.95 and 0.9: " + accuracies);

    Shell.Result mnist = runDocumented(README, "./mvnw -B -q -pl solutions compile exec:java "
        + "-Dexec.args=\"--dataset mnist --model net --hidden 100 --epochs 10\"", clone, 5);
    assertThat(mnist.code()).as(mnist.output()).isZero();
    assertThat(accuracies(mnist.output()).get("mnist-test")).as(mnist.output()).isGreaterThanOrEqualTo(0.94);
    checked(mnist, "MNIST test accuracy " + accuracies(mnist.output()).get("mnist-test") + " ≥ 0.94");

    Shell.Result jar = runDocumented(README, "java -jar solutions/target/logit-lab-0.1.0-SNAPSHOT.jar --dataset iris",
        clone, 2);
    assertThat(jar.code()).as(jar.output()).isZero();
    assertThat(accuracies(jar.output())).isEqualTo(Map.of("iris-test", accuracies.get("iris-test")));
    checked(jar, "the same iris accuracy as the main job");
    try (JarFile library = new JarFile(
        clone.resolve("solutions/target/logit-lab-0.1.0-SNAPSHOT.jar").toFile())) {
      assertThat(library.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
          .as("the module name README.md's License section gives").isEqualTo("org.logitlab");
    }
  }

  /**
   * README.md's "Using the library", as a library user follows it: the Java program compiled against the
   * packaged jar and run, then the NumPy lines and the PyTorch lines on the file it saved; each prints
   * exactly the output the README shows after it. NumPy and PyTorch are used where a {@code python3} on
   * the machine has them; the test says which part it skipped where one does not.
   */
  @Test
  @Order(2)
  void theLibrarySnippetsRunAndPrintWhatTheReadmeShows() throws Exception {
    List<DocumentedCommands.Block> blocks = DocumentedCommands.blocks(ROOT.resolve(README), "### Using the library");
    assertThat(blocks).extracting(DocumentedCommands.Block::language)
        .containsExactly("xml", "java", "text", "python", "text", "python", "text");
    Path jar = clone.resolve("solutions/target/logit-lab-0.1.0-SNAPSHOT.jar");
    assertThat(blocks.get(0).text()).contains("<groupId>org.logitlab</groupId>", "<artifactId>logit-lab</artifactId>",
        "<version>0.1.0-SNAPSHOT</version>");
    try (JarFile sources = new JarFile(jar.resolveSibling("logit-lab-0.1.0-SNAPSHOT-sources.jar").toFile());
        JarFile javadoc = new JarFile(jar.resolveSibling("logit-lab-0.1.0-SNAPSHOT-javadoc.jar").toFile())) {
      assertThat(sources.getEntry("org/logitlab/io/ModelFile.java")).as("the sources jar").isNotNull();
      assertThat(javadoc.getEntry("org.logitlab/org/logitlab/io/ModelFile.html")).as("the javadoc jar").isNotNull();
    }

    Path user = Files.createDirectories(base.resolve("library user"));
    Matcher type = Pattern.compile("public class (\\w+)").matcher(blocks.get(1).text());
    assertThat(type.find()).as("the Java snippet declares a public class").isTrue();
    Files.writeString(user.resolve(type.group(1) + ".java"), blocks.get(1).text());
    String classPath = "'" + jar + "'";
    Shell.Result compiled = shell.run("javac -cp " + classPath + " " + type.group(1) + ".java", user, 2);
    assertThat(compiled.code()).as(compiled.output()).isZero();
    Shell.Result java = shell.run("java -cp " + classPath + ":. " + type.group(1), user, 3);
    assertThat(java.code()).as(java.output()).isZero();
    assertThat(java.output()).isEqualTo(blocks.get(2).text());
    assertThat(user.resolve("mnist-net.npz")).isRegularFile();
    shell.record("README.md (Using the library, Java)", java, base, "compiled against the jar; printed the README's "
        + "report and reloaded accuracy to the character");

    String python = pythonWith("numpy", user);
    assumeTrue(python != null, "no python3 here has NumPy: the README's NumPy and PyTorch lines are not run");
    Files.writeString(user.resolve("with_numpy.py"), blocks.get(3).text());
    Shell.Result numpy = shell.run(python + " with_numpy.py", user, 2);
    assertThat(numpy.code()).as(numpy.output()).isZero();
    assertThat(numpy.output()).isEqualTo(blocks.get(4).text());
    shell.record("README.md (Using the library, NumPy)", numpy, base, "read the Java model; the same accuracy");

    String torch = pythonWith("numpy, torch", user);
    assumeTrue(torch != null, "no python3 here has PyTorch: the README's PyTorch lines are not run");
    Files.writeString(user.resolve("with_torch.py"), blocks.get(3).text() + blocks.get(5).text());
    Shell.Result pytorch = shell.run(torch + " with_torch.py", user, 3);
    assertThat(pytorch.code()).as(pytorch.output()).isZero();
    assertThat(pytorch.output()).isEqualTo(blocks.get(4).text() + blocks.get(6).text());
    shell.record("README.md (Using the library, PyTorch)", pytorch, base, "the Java model in nn.Sequential; "
        + "the same accuracy");
  }

  /** The first of {@code python3} and Debian's {@code /usr/bin/python3} that imports {@code modules}, or null. */
  private String pythonWith(String modules, Path dir) throws Exception {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      if (shell.run(python + " -c 'import " + modules + "'", dir, 2).code() == 0) {
        return python;
      }
    }
    return null;
  }

  @Test
  @Order(3)
  void theFigureCommandRedrawsEveryLessonFigure() throws Exception {
    Path figures = clone.resolve("lessons/figures");
    FileTime before = FileTime.fromMillis(System.currentTimeMillis() - 1000);
    List<Path> pngs;
    try (Stream<Path> files = Files.list(figures)) {
      pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    for (Path png : pngs) {
      Files.setLastModifiedTime(png, FileTime.fromMillis(0));
    }
    Shell.Result run = runDocumented(README, "./mvnw -B -q -pl solutions test-compile exec:java@lesson-figures", clone, 5);
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(pngs).isNotEmpty().allSatisfy(png -> {
      assertThat(Files.getLastModifiedTime(png)).as("%s redrawn", png.getFileName()).isGreaterThan(before);
      assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    });
    checked(run, "redrew all " + pngs.size() + " PNG figures");
  }

  @Test
  @Order(4)
  void theBenchmarkPrintsItsRatios() throws Exception {
    Shell.Result run = runDocumented(README, "./mvnw -B -q -pl solutions test-compile exec:exec@bench", clone, 10);
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).containsPattern("training, batch 32, 1 thread +naive loops .*× faster")
        .containsPattern("same weights with 1 and 2 threads +yes, to the last bit")
        .containsPattern("allocated per mini-batch \\(steady state\\) +0 bytes");
    checked(run, "prints the ratio lines and the same-weights check");
  }

  @Test
  @Order(4)
  void theDenseBenchmarkComparesWithNumPyOnFashionMnist() throws Exception {
    Shell.Result run = runDocumented(README, "./mvnw -B -q -pl solutions test-compile exec:exec@bench-fashion", clone, 10);
    assertThat(run.code()).as(run.output()).isZero();
    String folder = System.getenv().getOrDefault("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist");
    if (Files.isDirectory(Path.of(folder))) {
      assertThat(run.output()).containsPattern("Fashion-MNIST, 60,000 training images")
          .containsPattern("training, batch 32, 1 thread +(NumPy \\+ OpenBLAS +[0-9.]+ s/epoch +)?logit-lab +[0-9.]+ s/epoch")
          .containsPattern("reached in training +NumPy [0-9]+% of the peak +logit-lab [0-9]+%|NumPy: not available here");
      checked(run, "trained on Fashion-MNIST and printed the ratio and the share of the peak");
    } else {
      assertThat(run.output()).contains("Fashion-MNIST: not found in " + folder);
      checked(run, "said that Fashion-MNIST is not on this machine (" + folder + ") and skipped it");
    }
  }

  @Test
  @Order(5)
  void theTestCommandIsWhatCiRuns() throws IOException {
    DocumentedCommands.Command verify = find(README, "./mvnw -B verify");
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(ci.get(ci.size() - 1)).isEqualTo(verify.text());
    ran.add(verify);
    shell.recordElsewhere(verify.where(ROOT), verify.text(), "the build that runs this suite (.ci/run's last line)");
  }

  @Test
  @Order(10)
  void gradingGivesTheReferenceFullMarksAndTheSkeletonNone() throws Exception {
    Path submissions = Files.createDirectories(clone.resolve("submissions"));
    unpackKit(submissions.resolve("kit"));
    solve(Trees.copy(submissions.resolve("kit/logit-lab-student-kit"), submissions.resolve("alice")));
    zip(solve(Trees.copy(submissions.resolve("kit/logit-lab-student-kit"), base.resolve("minjun"))),
        submissions.resolve("김민준 학생.zip"));
    Files.move(submissions.resolve("kit/logit-lab-student-kit"), submissions.resolve("bob"));
    Trees.delete(submissions.resolve("kit"));

    Shell.Result one = runDocumented(README, "java -jar grader/target/logit-lab-grader.jar grade submissions/alice",
        clone, 10);
    assertThat(one.code()).as(one.output()).isZero();
    assertThat(one.output()).contains("logit-lab: alice: 100 / 100 points");
    assertThat(clone.resolve("grading-results/alice/summary.md")).content(StandardCharsets.UTF_8)
        .startsWith("# logit-lab: alice: 100 / 100 points");
    checked(one, "alice (the reference) 100 / 100, reports in grading-results/alice/");

    Shell.Result all = runDocumented(README,
        "java -jar grader/target/logit-lab-grader.jar grade-all submissions/ --out results/", clone, 15);
    assertThat(all.code()).as(all.output()).isZero();
    Map<String, String> gradebook = gradebook(clone.resolve("results/gradebook.csv"));
    assertThat(gradebook).as(all.output()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "alice", "10,15,10,10,15,15,25,|100|100|complete",
        "bob", "0,0,0,0,0,0,0,|0|100|complete",
        "김민준 학생", "10,15,10,10,15,15,25,|100|100|complete"));
    checked(all, "gradebook: reference 100 (folder and Korean-named zip), skeleton 0, all complete");

    List<Shell.Result> shards = new ArrayList<>();
    for (String command : List.of(
        "java -jar grader/target/logit-lab-grader.jar grade-all submissions/ --out results-1/ --shard 1/2 --seed 2026",
        "java -jar grader/target/logit-lab-grader.jar grade-all submissions/ --out results-2/ --shard 2/2 --seed 2026",
        "java -jar grader/target/logit-lab-grader.jar merge results-1/ results-2/ --csv gradebook.csv")) {
      Shell.Result r = runDocumented(README, command, clone, 15);
      assertThat(r.code()).as(r.output()).isZero();
      shards.add(r);
    }
    assertThat(gradebook(clone.resolve("gradebook.csv"))).isEqualTo(gradebook);
    for (Shell.Result r : shards) {
      checked(r, "the shards merged give the same gradebook as one grade-all");
    }

    // The class report beside each gradebook: the same class, so the same figures (alice and 김민준 학생 100, bob 0).
    for (Path folder : List.of(clone.resolve("results"), clone)) {
      String report = Files.readString(folder.resolve("class-report.html"), StandardCharsets.UTF_8);
      assertThat(report).as(folder.toString()).contains(
          "3 submission(s): 3 graded (0 of them could not be opened and score 0), 0 with no grade yet",
          "Mean 66.67, median 100; 2 with full marks", "<li>bob: 0</li>");
      assertThat(report).doesNotContain("src=\"http", "href=\"http");
      assertThat(folder.resolve("class-report.md")).content(StandardCharsets.UTF_8).contains("Mean 66.67, median 100");
      assertThat(folder.resolve("class-report/scores.png")).isRegularFile();
    }
    Shell.Result anonymous = runDocumented(README, "java -jar grader/target/logit-lab-grader.jar merge results-1/ "
        + "results-2/ --csv gradebook.csv --anonymous-report", clone, 5);
    assertThat(anonymous.code()).as(anonymous.output()).isZero();
    String shared = Files.readString(clone.resolve("class-report.html"), StandardCharsets.UTF_8);
    assertThat(shared).contains("No student is named in this report.", "Mean 66.67, median 100")
        .doesNotContain("alice", "bob", "김민준");
    assertThat(Files.readString(clone.resolve("class-report.md"), StandardCharsets.UTF_8))
        .doesNotContain("alice", "bob", "김민준");
    checked(anonymous, "class report of the merged shards with no student named; the named one beside each "
        + "gradebook shows the class's figures");
  }

  @Test
  @Order(10)
  void theExampleClassReportIsMadeAgainAndMatchesItsGradebook() throws Exception {
    Path docs = clone.resolve("grader/docs/class-report");
    Trees.delete(docs);
    Shell.Result run = runDocumented(README, "./mvnw -B -q -pl grader -am test -Pclass-report-example", clone, 10);
    assertThat(run.code()).as(run.output()).isZero();
    // GradedClassReportTest checked every number against its gradebook; here, that it ran and wrote the example.
    assertThat(run.output()).contains("Wrote the example class report into");
    String report = Files.readString(docs.resolve("class-report.html"), StandardCharsets.UTF_8);
    assertThat(report).contains("8 submission(s): 8 graded (1 of them could not be opened and score 0)",
        "missing 1/m: 1");
    try (Stream<Path> charts = Files.list(docs.resolve("class-report"))) {
      assertThat(charts.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(10);
    }
    assertThat(docs.resolve("class-report.md")).content(StandardCharsets.UTF_8)
        .contains("](class-report/mnist-accuracy.png)");
    checked(run, "graded the grader's test class (8 submissions) and wrote grader/docs/class-report/");
  }

  @Test
  @Order(10)
  void theGradingBenchmarkGradesTheReferenceWithAndWithoutTheArchive() throws Exception {
    Shell.Result run = runDocumented(README,
        "./mvnw -B -q -pl grader -am verify -DskipTests -Djacoco.skip=true -Pbench-grading", clone, 10);
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).containsPattern("grading benchmark: 6 copies of the reference, grade-all --jobs 2")
        .containsPattern("of which making the archive \\(once\\) +[0-9.]+ s")
        .containsPattern("submissions per minute +[0-9.]+ +[0-9.]+")
        .containsPattern("per grading JVM, fixed cost \\(median\\) +[0-9.]+ s +[0-9.]+ s")
        .containsPattern("with/without: [0-9.]+× the submissions per minute once the archive exists");
    checked(run, "graded 6 copies of the reference to full points with and without the archive, and printed the rates");
  }

  @Test
  @Order(11)
  void theContainerRecipeGradesTheClassTheSame() throws Exception {
    requireBubblewrap();
    Map<String, String> expected = gradebook(clone.resolve("results/gradebook.csv"));
    Trees.delete(clone.resolve("results"));
    try (InputStream in = DocumentedCommandsIT.class.getResourceAsStream("docker-run.sh")) {
      shell.prelude(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    try {
      Shell.Result copy = runDocumented(README,
          "mkdir -p results && cp grader/target/logit-lab-grader.jar results/", clone, 1);
      assertThat(copy.code()).isZero();
      checked(copy, "the jar is in results/");
      DocumentedCommands.Command docker = documented.keySet().stream()
          .filter(c -> c.text().startsWith("docker run ")).findFirst().orElseThrow();
      Shell.Result run = runDocumented(README, docker.text(), clone, 15);
      assertThat(run.code()).as(run.output()).isZero();
      assertThat(gradebook(clone.resolve("results/gradebook.csv"))).as(run.output()).isEqualTo(expected);
      checked(run, "no Docker engine here: run by bubblewrap with the same mounts, network and variables; "
          + "same gradebook as grade-all");
    } finally {
      shell.prelude("");
    }
  }

  /**
   * Gradescope's life cycle, offline: an image built by {@code setup.sh} (Debian's {@code /usr} read-only,
   * a copy of {@code /etc} that {@code useradd} may change, {@code apt-get} a stand-in since the packages
   * are installed already and tests have no network), then {@code run_autograder} run as root in
   * {@code /autograder} for each submission, in a fresh container of that image (a new {@code /tmp}).
   * The layout follows Gradescope's autograder specification: the bundle unpacked in
   * {@code /autograder/source}, the submission in {@code /autograder/submission}, the results in
   * {@code /autograder/results/results.json}.
   */
  @Test
  @Order(12)
  void theGradescopeBundleBuildsAnImageAndGradesAsAnUnprivilegedUser() throws Exception {
    requireBubblewrap();
    Path stubs = Files.createDirectories(base.resolve("stubs"));
    Files.writeString(stubs.resolve("apt-get"), "#!/bin/sh\necho \"apt-get (stand-in): $*\"\n");
    assertThat(stubs.resolve("apt-get").toFile().setExecutable(true)).isTrue();

    // Without network and without MNIST in the bundle, the image cannot be built: setup.sh fails, saying why.
    Shell.Result plain = runDocumented(README,
        "java -jar grader/target/logit-lab-grader.jar bundle-gradescope --out autograder.zip", clone, 2);
    assertThat(plain.code()).as(plain.output()).isZero();
    Path offline = gradescopeImage("gradescope-offline", clone.resolve("autograder.zip"));
    Shell.Result refused = inGradescopeImage(offline, stubs, "bash /autograder/source/setup.sh");
    assertThat(refused.code()).as(refused.output()).isNotZero();
    assertThat(refused.output()).contains("could not download train-images-idx3-ubyte.gz",
        "setup.sh: no MNIST for the image", "--mnist-dir DIR");
    checked(plain, "setup.sh of this bundle, built without network: fails, naming the download and the remedy");

    Shell.Result carrying = runDocumented(README, "java -jar grader/target/logit-lab-grader.jar bundle-gradescope "
        + "--out autograder.zip --mnist-dir \"$MNIST_DIR\"", clone, 2);
    assertThat(carrying.code()).as(carrying.output()).isZero();
    Path image = gradescopeImage("gradescope-image", clone.resolve("autograder.zip"));
    Shell.Result setup = inGradescopeImage(image, stubs, "bash /autograder/source/setup.sh");
    assertThat(setup.code()).as(setup.output()).isZero();
    assertThat(setup.output()).contains(
        "apt-get (stand-in): install -y --no-install-recommends openjdk-17-jdk-headless bubblewrap",
        "MNIST is in /opt/logit-lab/mnist");
    assertThat(image.resolve("etc/passwd")).content().containsPattern("(?m)^logitlab:x:[1-9]\\d*:");
    assertThat(image.resolve("opt/logit-lab/logit-lab-grader.jar")).hasSameBinaryContentAs(
        clone.resolve("grader/target/logit-lab-grader.jar"));

    Map<String, Double> scores = new LinkedHashMap<>();
    // carol drags and drops alice's seven files: they land side by side in /autograder/submission.
    for (String student : List.of("alice", "bob", "carol")) {
      Path autograder = image.resolve("autograder");
      Trees.delete(autograder.resolve("submission"));
      Trees.delete(autograder.resolve("results"));
      if (student.equals("carol")) {
        Path flat = Files.createDirectories(autograder.resolve("submission"));
        for (String file : EXERCISE_FILES) {
          Path source = clone.resolve("submissions/alice/src/main/java/org/logitlab").resolve(file);
          Files.copy(source, flat.resolve(source.getFileName().toString()));
        }
      } else {
        Trees.copy(clone.resolve("submissions").resolve(student), autograder.resolve("submission"));
      }
      Files.copy(autograder.resolve("source/run_autograder"), autograder.resolve("run_autograder"),
          StandardCopyOption.REPLACE_EXISTING);
      Shell.Result run = inGradescopeImage(image, stubs, "bash /autograder/run_autograder");
      assertThat(run.code()).as(run.output()).isZero();
      assertThat(run.output()).as("graded by the unprivileged user").containsPattern("Grading as logitlab \\(uid [1-9]");
      JsonObject results = JsonParser.parseString(Files.readString(autograder.resolve("results/results.json")))
          .getAsJsonObject();
      scores.put(student, results.get("score").getAsDouble());
    }
    assertThat(scores).isEqualTo(Map.of("alice", 100.0, "bob", 0.0, "carol", 100.0));
    checked(carrying, "setup.sh builds the image offline (user logitlab, grader and MNIST in /opt/logit-lab); "
        + "run_autograder grades as logitlab: results.json scores " + scores + " (carol: seven loose files)");
  }

  /** A Gradescope image before setup.sh: a copy of {@code /etc}, an empty {@code /opt}, the bundle unpacked. */
  private Path gradescopeImage(String name, Path bundle) throws Exception {
    Path image = Files.createDirectories(base.resolve(name));
    Shell.Result etc = shell.run("cp -a /etc '" + image.resolve("etc") + "'", base, 1);
    assertThat(etc.code()).as(etc.output()).isZero();
    Files.createDirectories(image.resolve("opt"));
    unzip(bundle, Files.createDirectories(image.resolve("autograder/source")));
    return image;
  }

  /** {@code command} as root in a container of {@code image}: no network, a fresh {@code /tmp}. */
  private Shell.Result inGradescopeImage(Path image, Path stubs, String command) throws Exception {
    return shell.run("bwrap --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib "
        + "--symlink usr/lib64 /lib64 --symlink usr/sbin /sbin --bind '" + image.resolve("etc") + "' /etc "
        + "--bind '" + image.resolve("opt") + "' /opt --bind '" + image.resolve("autograder") + "' /autograder "
        + "--ro-bind '" + stubs + "' /stubs --dev /dev --proc /proc --perms 1777 --tmpfs /tmp --dir /root "
        + "--unshare-net --clearenv --setenv HOME /root --setenv PATH /stubs:/usr/sbin:/usr/bin:/sbin:/bin "
        + "--setenv LANG C.UTF-8 --chdir /autograder -- " + command, base, 10);
  }

  /**
   * README.md's LMS command on the shards' results, with README.md's own roster (its {@code csv} block)
   * as {@code roster.csv}: the Canvas file starts with a byte order mark, has the columns of Canvas's
   * gradebook import in order (the five student columns, the total's assignment, the exercises as
   * read-only "Current Points" columns, as the grader's LmsGradebookTest checks against Canvas's importer), and each
   * rostered student's grades; the roster's student without a submission is named.
   */
  @Test
  @Order(13)
  void theCanvasGradebookHasCanvassColumnsAndEveryRosteredGrade() throws Exception {
    assumeTrue(Files.isDirectory(clone.resolve("results-2")), "the shards were not graded");
    Files.writeString(clone.resolve("roster.csv"), fenced(README, "csv"), StandardCharsets.UTF_8);
    Shell.Result merge = runDocumented(README, "java -jar grader/target/logit-lab-grader.jar merge results-1/ "
        + "results-2/ --gradebook canvas --roster roster.csv --bom", clone, 5);
    assertThat(merge.code()).as(merge.output()).isZero();
    assertThat(merge.output()).contains("(3 of 4 students in roster.csv)",
        "In roster.csv without a graded submission (no row in the Canvas gradebook): Choi, Dana (line 5)");

    byte[] bytes = Files.readAllBytes(clone.resolve("gradebook-canvas.csv"));
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)
        .substring(1))).getRecords();
    assertThat(rows.get(0).toList()).containsExactly("Student", "ID", "SIS User ID", "SIS Login ID", "Section",
        "logit-lab", "Exercise 1 (sigmoid) Current Points", "Exercise 2 (BCE derivative) Current Points",
        "Exercise 3 (softmax) Current Points", "Exercise 4 (one-hot) Current Points",
        "Exercise 5 (output-layer backprop) Current Points", "Exercise 6 (hidden-layer backprop) Current Points",
        "Exercise 7 (fit) Current Points");
    assertThat(rows.get(1).toList()).containsExactly("Points Possible", "", "", "", "", "100", "(read only)",
        "(read only)", "(read only)", "(read only)", "(read only)", "(read only)", "(read only)");
    Map<String, String> grades = new LinkedHashMap<>();
    for (CSVRecord row : rows.subList(2, rows.size())) {
      grades.put(row.get(0), String.join("|", row.toList().subList(1, row.size())));
    }
    assertThat(grades).containsExactly(
        Map.entry("Park, Alice", "101|S001|alice|Section A|100|10|15|10|10|15|15|25"),
        Map.entry("Lee, Bob", "102|S002|bob|Section A|0|0|0|0|0|0|0|0"),
        Map.entry("Kim, Minjun", "103|S003|minjun|Section B|100|10|15|10|10|15|15|25"));
    checked(merge, "gradebook-canvas.csv (with a BOM): Canvas's columns; Park, Alice 100, Lee, Bob 0, Kim, Minjun "
        + "100 (the Korean-named zip); Choi, Dana named as without a submission");
  }

  /**
   * The grading repository for GitHub Actions: the workflow the grader writes (its jobs are run by
   * {@link GradeClassWorkflowIT}), the grader jar it runs, and the class.
   */
  @Test
  @Order(13)
  void theGitHubWorkflowGoesIntoAGradingRepositoryWithTheGraderAndTheClass() throws Exception {
    Shell.Result write = runDocumented(README,
        "java -jar grader/target/logit-lab-grader.jar github-workflow --out grading/", clone, 1);
    assertThat(write.code()).as(write.output()).isZero();
    assertThat(clone.resolve("grading/.github/workflows/grade-class.yml"))
        .hasSameTextualContentAs(clone.resolve("grader/src/main/resources/org/logitlab/grader/batch/grade-class.yml"));
    assertThat(clone.resolve("grading/logit-lab-grader.jar"))
        .hasSameBinaryContentAs(clone.resolve("grader/target/logit-lab-grader.jar"));
    checked(write, "grading/ holds .github/workflows/grade-class.yml and the grader jar it runs");
    Shell.Result copy = runDocumented(README, "cp -r submissions grading/", clone, 1);
    assertThat(copy.code()).as(copy.output()).isZero();
    try (Stream<Path> entries = Files.list(clone.resolve("grading/submissions"))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("alice", "bob", "김민준 학생.zip");
    }
    checked(copy, "grading/submissions/ holds the class of grade-all");
  }

  @Test
  @Order(20)
  void theKitsTestCommandShowsEveryExerciseUnfinished() throws Exception {
    Path desktop = base.resolve("바탕 화면");
    unpackKit(desktop);
    kit = desktop.resolve("logit-lab-student-kit");
    Shell.Result test = runDocumented(KIT_README, "./mvnw test", kit, 10);
    assertThat(test.code()).as("runs to the board: %s", test.output()).isZero();
    assertThat(test.output()).doesNotContain("COMPILATION ERROR");
    assertThat(test.output().split("\\[ -- \\] Exercise ", -1)).hasSize(8);
    assertThat(lastLine(test.output())).as("the board is the last thing printed").isEqualTo("0 of 7 exercises done");
    checked(test, "unpacked kit (folder '바탕 화면'): ends with the board, 0 of 7 done, each exercise [ -- ]");
    Shell.Result verify = runDocumented(KIT_README, "./mvnw verify", kit, 10);
    assertThat(verify.code()).as("fails while exercises are unfinished").isNotZero();
    assertThat(verify.output()).contains("0 of 7 exercises done: the board above says what is left");
    checked(verify, "fails: 0 of 7 done");
  }

  /**
   * The kit READMEs' language switch: with {@code -Dlogitlab.lang=ko} the board and the messages are
   * Korean and point to the Korean lessons, the board ending as README.ko.md shows it.
   */
  @Test
  @Order(21)
  void theKitsLanguageSwitchGivesTheBoardInKorean() throws Exception {
    assumeTrue(kit != null, "the kit was not unpacked");
    Shell.Result test = runDocumented(KIT_README, "./mvnw test -Dlogitlab.lang=ko", kit, 10);
    assertThat(test.code()).as("runs to the board: %s", test.output()).isZero();
    String sample = fenced(KIT_README_KO, "");
    assertThat(lastLine(test.output())).as("the board's last line, as README.ko.md shows it")
        .isEqualTo(lastLine(sample));
    assertThat(test.output().split("\\[ -- \\] 연습 ", -1)).as(test.output()).hasSize(8);
    assertThat(test.output()).contains("lessons/ko/01-classification-and-sigmoid.md#exercise-1-a-stable-sigmoid")
        .doesNotContain("Exercise 1 (sigmoid)", "exercises done");
    checked(test, "the board and the messages in Korean, pointing to lessons/ko/");
  }

  @Test
  @Order(22)
  void theKitAndLessonCommandsWorkOnceTheExercisesAreDone() throws Exception {
    assumeTrue(kit != null, "the kit was not unpacked");
    solvedKit = solve(Trees.copy(kit, base.resolve("바탕 화면/풀이 kit")));
    Shell.Result test = runDocumented(KIT_README, "./mvnw test", solvedKit, 10);
    assertThat(test.code()).as(test.output()).isZero();
    assertThat(lastLine(test.output())).isEqualTo("7 of 7 exercises done");
    checked(test, "with the seven exercises written: 7 of 7 done, exit 0");
    Shell.Result verify = runDocumented(KIT_README, "./mvnw verify", solvedKit, 10);
    assertThat(verify.code()).as(verify.output()).isZero();
    checked(verify, "passes: 7 of 7 done");

    for (DocumentedCommands.Command c : documented.keySet()) {
      String where = documented.get(c);
      if (!where.startsWith("lessons/") && !where.startsWith(KIT_README) && !where.startsWith(KIT_README_KO)) {
        continue;
      }
      if (c.text().startsWith("./mvnw test -Dtest=")) {
        Shell.Result r = run(c, solvedKit, 10);
        assertThat(r.code()).as(r.output()).isZero();
        Matcher number = Pattern.compile("-Dtest=Exercise(\\d)\\w+Test$").matcher(c.text());
        assertThat(number.find()).as("%s runs one exercise's tests", c.text()).isTrue();
        assertThat(r.output()).as(r.output()).containsPattern("\\[done\\] Exercise " + number.group(1)
            + " \\([^)]+\\) +[1-9]\\d*/[1-9]\\d* tests pass");
        assertThat(r.output().split("\\[done\\]", -1)).as("only that exercise ran").hasSize(2);
        checked(r, "its tests pass on the solved exercises");
      } else if (c.text().startsWith("./mvnw -q compile exec:java")) {
        Shell.Result r = run(c, solvedKit, 10);
        assertThat(r.code()).as(r.output()).isZero();
        Map<String, Double> accuracies = accuracies(r.output());
        assertThat(accuracies).as(r.output()).isNotEmpty();
        double floor = accuracies.containsKey("mnist-test") ? 0.94 : 0.9;
        assertThat(accuracies.values()).allSatisfy(a -> assertThat(a).isGreaterThanOrEqualTo(floor));
        checked(r, "trains with the student's code: " + accuracies);
      }
    }
  }

  /**
   * The kit's Classroom workflow, its {@code run:} steps in order, in a solved and an untouched kit:
   * the grader jar downloaded from 127.0.0.1, the result handed to the reporter as base64 in
   * {@code $GITHUB_OUTPUT}, and the points in it (the tests' scores, which the reporter adds) those of
   * the grader's summary.
   */
  @Test
  @Order(23)
  void theClassroomWorkflowReportsTheGradersPoints() throws Exception {
    assumeTrue(solvedKit != null && kit != null, "the kit was not unpacked");
    List<DocumentedCommands.Command> steps = documented.keySet().stream()
        .filter(c -> c.file().equals(ROOT.resolve(WORKFLOW))).toList();
    assertThat(steps).extracting(DocumentedCommands.Command::text).hasSize(2);
    byte[] jar = Files.readAllBytes(clone.resolve("grader/target/logit-lab-grader.jar"));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/course/logit-lab-grader.jar", exchange -> {
      exchange.sendResponseHeaders(200, jar.length);
      try (var body = exchange.getResponseBody()) {
        body.write(jar);
      }
    });
    server.start();
    Map<String, String> reported = new LinkedHashMap<>();
    try {
      shell.set("LOGITLAB_GRADER_URL", "http://127.0.0.1:" + server.getAddress().getPort()
          + "/course/logit-lab-grader.jar");
      for (Path repository : List.of(solvedKit, kit)) {
        Path output = Files.writeString(base.resolve("github-output-" + repository.getFileName()), "");
        shell.set("GITHUB_OUTPUT", output.toString());
        for (DocumentedCommands.Command step : steps) {
          Shell.Result r = run(step, repository, 10);
          assertThat(r.code()).as(r.output()).isZero();
          checked(r, "in " + repository.getFileName());
        }
        String line = Files.readAllLines(output).stream().filter(l -> l.startsWith("result=")).findFirst()
            .orElseThrow(() -> new AssertionError("no result in $GITHUB_OUTPUT"));
        JsonObject result = JsonParser.parseString(new String(Base64.getDecoder().decode(
            line.substring("result=".length())), StandardCharsets.UTF_8)).getAsJsonObject();
        double points = 0;
        for (var test : result.getAsJsonArray("tests")) {
          points += test.getAsJsonObject().get("score").getAsDouble();
        }
        String summary = Files.readAllLines(repository.resolve("grading/summary.md")).get(0);
        reported.put(repository.getFileName().toString(), String.format(Locale.ROOT, "%s %.2f/%.0f | %s",
            result.get("status").getAsString(), points, result.get("max_score").getAsDouble(), summary));
      }
    } finally {
      server.stop(0);
    }
    assertThat(reported).containsExactly(
        Map.entry("풀이 kit", "pass 100.00/100 | # logit-lab: 풀이 kit: 100 / 100 points"),
        Map.entry("logit-lab-student-kit", "fail 0.00/100 | # logit-lab: logit-lab-student-kit: 0 / 100 points"));
  }

  @Test
  @Order(100)
  void everyDocumentedCommandWasRun() {
    List<String> notRun = documented.entrySet().stream().filter(e -> !ran.contains(e.getKey()))
        .map(e -> e.getValue() + ": " + e.getKey().text()).toList();
    assertThat(notRun).as("documented commands that no acceptance test runs: give each a test in "
        + "DocumentedCommandsIT (what it must do, checked), or take it out of the docs").isEmpty();
  }

  // ---- running documented commands -------------------------------------------------------------

  /** The documented command {@code text} of {@code file}, run in {@code dir}; every copy of it counts as run. */
  private Shell.Result runDocumented(String file, String text, Path dir, int minutes) throws Exception {
    return run(find(file, text), dir, minutes);
  }

  private Shell.Result run(DocumentedCommands.Command command, Path dir, int minutes) throws Exception {
    Shell.Result result = shell.run(command.text(), dir, minutes);
    documented.keySet().stream().filter(c -> c.text().equals(command.text())).forEach(ran::add);
    return result;
  }

  private void checked(Shell.Result result, String what) {
    String where = documented.entrySet().stream().filter(e -> e.getKey().text().equals(result.command()))
        .map(Map.Entry::getValue).reduce((a, b) -> a + ", " + b).orElse("(not documented)");
    shell.record(where, result, base, what);
  }

  private DocumentedCommands.Command find(String file, String text) {
    return documented.keySet().stream()
        .filter(c -> c.text().equals(text) && c.file().equals(ROOT.resolve(file))).findFirst()
        .orElseThrow(() -> new AssertionError(file + " no longer says `" + text + "`: update this test with it"));
  }

  private void requireBubblewrap() {
    if (!bwrap && "true".equals(System.getenv("CI"))) {
      fail("bubblewrap is required in CI (.ci/run installs it): it stands in for Docker and Gradescope's image");
    }
    assumeTrue(bwrap, "no working bubblewrap: the container and Gradescope layouts cannot be reproduced");
  }

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve(README), ROOT.resolve(KIT_README),
        ROOT.resolve(KIT_README_KO), ROOT.resolve(WORKFLOW)));
    for (Path folder : List.of(ROOT.resolve("lessons"), ROOT.resolve("lessons/ko"))) {
      try (Stream<Path> lessons = Files.list(folder)) {
        lessons.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
      }
    }
    return docs;
  }

  // ---- what the commands wrote ---------------------------------------------------------------

  /**
   * The first fenced block of {@code language} in {@code file} ("" for a block without one), as a
   * file would hold it.
   */
  private static String fenced(String file, String language) throws IOException {
    StringBuilder block = new StringBuilder();
    boolean open = false;
    boolean wanted = false;
    for (String line : Files.readAllLines(ROOT.resolve(file), StandardCharsets.UTF_8)) {
      if (line.strip().startsWith("```")) {
        if (open && wanted) {
          return block.toString();
        }
        wanted = !open && line.strip().equals("```" + language);
        open = !open;
      } else if (open && wanted) {
        block.append(line).append('\n');
      }
    }
    throw new AssertionError(file + " has no ```" + language + " block any more: update this test");
  }

  /** {@code "final test accuracy: …"} lines, by evaluation set. */
  private static Map<String, Double> accuracies(String output) {
    Map<String, Double> accuracies = new LinkedHashMap<>();
    Matcher m = ACCURACY.matcher(output);
    while (m.find()) {
      accuracies.put(m.group(4), Double.parseDouble(m.group(1)));
    }
    return accuracies;
  }

  /** The gradebook's rows, by student: the exercise scores, total, max and status (not seed or timings). */
  private static Map<String, String> gradebook(Path csv) throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).startsWith("student,sigmoid,bce_gradient,softmax,one_hot,output_backprop,hidden_backprop,"
        + "fit,total,max,status,");
    for (String line : lines.subList(1, lines.size())) {
      Matcher m = ROW.matcher(line);
      assertThat(m.matches()).as("gradebook row %s", line).isTrue();
      rows.put(m.group(1), m.group(2) + "|" + m.group(3) + "|" + m.group(4) + "|" + m.group(5));
    }
    return rows;
  }

  // ---- files ---------------------------------------------------------------------------------

  /** The repository as a fresh clone has it: what git tracks, and what it would add (not what it ignores). */
  private void copyRepository(Path target) throws IOException, InterruptedException {
    Shell.Result files = shell.run("git ls-files -z --cached --others --exclude-standard", ROOT, 1);
    assertThat(files.code()).as(files.output()).isZero();
    for (String name : files.output().split("\0")) {
      Path source = ROOT.resolve(name);
      if (name.isEmpty() || !Files.isRegularFile(source)) {
        continue; // deleted in the working tree
      }
      Path copy = target.resolve(name);
      Files.createDirectories(copy.getParent());
      Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /** The last non-blank line of {@code output}, stripped. */
  private static String lastLine(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  /** Unpacks the kit the fresh copy built into {@code folder}. */
  private void unpackKit(Path folder) throws IOException {
    unzip(clone.resolve("exercises/target/logit-lab-student-kit.zip"), Files.createDirectories(folder));
    Path mvnw = folder.resolve("logit-lab-student-kit/mvnw");
    assertThat(mvnw.toFile().setExecutable(true)).isTrue();
  }

  /** Writes the seven exercises of the kit at {@code kit} as the reference does. */
  private Path solve(Path kit) throws IOException {
    for (String file : EXERCISE_FILES) {
      Files.copy(clone.resolve("solutions/src/main/java/org/logitlab").resolve(file),
          kit.resolve("src/main/java/org/logitlab").resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    return kit;
  }

  private static void unzip(Path zip, Path target) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path out = target.resolve(entry.getName()).normalize();
        assertThat(out.startsWith(target)).as("%s stays inside", entry.getName()).isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
          if (out.getFileName().toString().equals("mvnw") || out.getFileName().toString().endsWith(".sh")
              || out.getFileName().toString().equals("run_autograder")) {
            assertThat(out.toFile().setExecutable(true)).isTrue();
          }
        }
      }
    }
  }

  private static void zip(Path dir, Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new ZipEntry(dir.getFileName() + "/" + dir.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }
}
