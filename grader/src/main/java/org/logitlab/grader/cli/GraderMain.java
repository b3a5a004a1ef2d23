package org.logitlab.grader.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import java.util.Optional;
import java.util.Set;
import org.logitlab.data.MnistFiles;
import org.logitlab.data.MnistLocator;
import org.logitlab.grader.Grader;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.batch.BatchGrader;
import org.logitlab.grader.batch.Gradebook;
import org.logitlab.grader.batch.ResultStore;
import org.logitlab.grader.report.ConsoleReport;
import org.logitlab.grader.report.GradescopeBundle;
import org.logitlab.grader.report.GradescopeReport;
import org.logitlab.grader.report.JUnitXmlReport;
import org.logitlab.grader.report.MarkdownReport;

/** The grader's command line: {@code java -jar logit-lab-grader.jar <command> ...}; run without arguments for help. */
public final class GraderMain {

  static final String USAGE = """
      Usage: java -jar logit-lab-grader.jar <command> [options]

      Commands:
        grade SUBMISSION          grade one submission (a folder or a .zip) and print the table;
                                  reports go to --out (default grading-results/<student>)
        grade-all FOLDER          grade every sub-folder and .zip of FOLDER into --out, resuming a
                                  previous run, and write <out>/gradebook.csv
        merge OUT... --csv FILE   merge the results of several grade-all runs (e.g. shards) into one CSV
        gradescope                grade /autograder/submission into /autograder/results/results.json
        bundle-gradescope --out autograder.zip
                                  write a Gradescope autograder bundle around this grader
        fetch-mnist               download MNIST into the cache (checksum-verified), for graders with internet

      Options:
        --config FILE     points and thresholds (JSON, overriding the bundled grading.json)
        --seed N          the seed of the random inputs (default: a new one, printed, for replay)
        --mnist-dir DIR   the MNIST folder (default: $MNIST_DIR, then the cache)
        --jobs N          how many exercises (grade) or submissions (grade-all) at once (default: cores)
        --shard i/n       grade-all: grade only shard i of n, for a CI matrix; merge the shards after
        --out DIR         where results go
      """;

  private static final Set<String> GRADING = Set.of("--config", "--seed", "--mnist-dir", "--jobs", "--out");

  private GraderMain() {}

  /** Runs a command and exits with its code: 0 done, 1 grading or I/O failure, 2 usage error. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "grade" -> grade(Args.parse(rest, GRADING), out);
        case "grade-all" -> gradeAll(Args.parse(rest, union(GRADING, "--shard")), out);
        case "merge" -> merge(Args.parse(rest, Set.of("--csv")), out);
        case "gradescope" -> gradescope(Args.parse(rest, union(GRADING, "--submission", "--results")), out);
        case "bundle-gradescope" -> bundle(Args.parse(rest, Set.of("--out", "--config")), out);
        case "fetch-mnist" -> fetchMnist(out);
        default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
      };
    } catch (IllegalArgumentException e) {
      err.println("logit-lab-grader: " + e.getMessage());
      err.println("Run without arguments for help.");
      return 2;
    } catch (IOException e) {
      err.println("logit-lab-grader: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("logit-lab-grader: interrupted");
      return 1;
    }
  }

  private static int grade(Args args, PrintStream out) throws IOException {
    Path submission = Path.of(single(args, "grade SUBMISSION"));
    long seed = seed(args);
    Grader grader = grader(args, (int) args.number("--jobs", Runtime.getRuntime().availableProcessors()));
    Path dir = Path.of(args.option("--out", Path.of("grading-results", Grader.studentName(submission)).toString()));
    Path work = Files.createTempDirectory("logitlab-grade");
    SubmissionResult result;
    try {
      result = grader.grade(submission, seed, work);
    } finally {
      ResultStore.deleteTree(work);
    }
    writeReports(result, dir);
    ConsoleReport.print(result, out);
    out.println("Reports: " + dir.toAbsolutePath());
    return result.status() == SubmissionResult.Status.ERROR ? 1 : 0;
  }

  private static int gradeAll(Args args, PrintStream out) throws IOException, InterruptedException {
    Path folder = Path.of(single(args, "grade-all FOLDER"));
    Path dir = Path.of(required(args, "--out"));
    // A resumed batch keeps the seed of the results it already has, so every student gets the same inputs.
    long seed = args.options().containsKey("--seed") ? seed(args)
        : ResultStore.readAll(Files.isDirectory(dir) ? List.of(dir) : List.of()).stream()
            .map(SubmissionResult::seed).findFirst().orElseGet(() -> seed(args));
    BatchGrader.Shard shard = args.options().containsKey("--shard")
        ? BatchGrader.Shard.parse(args.option("--shard", "")) : BatchGrader.Shard.all();
    BatchGrader batch = new BatchGrader(grader(args, 1),
        (int) args.number("--jobs", Runtime.getRuntime().availableProcessors()), out);
    out.printf(Locale.ROOT, "Grading %s, shard %d/%d, seed %d%n", folder, shard.index(), shard.count(), seed);
    List<SubmissionResult> results = batch.gradeAll(folder, dir, shard, seed);
    for (SubmissionResult r : results) {
      writeReports(r, ResultStore.folder(dir, r.student()));
    }
    out.println("Gradebook: " + dir.resolve("gradebook.csv").toAbsolutePath());
    return 0;
  }

  private static int merge(Args args, PrintStream out) throws IOException {
    if (args.positional().isEmpty()) {
      throw new IllegalArgumentException("merge needs the results folders of the runs to merge");
    }
    List<Path> folders = args.positional().stream().map(Path::of).toList();
    List<SubmissionResult> results = ResultStore.readAll(folders);
    Path csv = Path.of(required(args, "--csv"));
    Gradebook.write(csv, results);
    out.println("Merged " + results.size() + " results into " + csv.toAbsolutePath());
    return 0;
  }

  private static int gradescope(Args args, PrintStream out) throws IOException {
    Path submission = Path.of(args.option("--submission", "/autograder/submission"));
    Path results = Path.of(args.option("--results", "/autograder/results"));
    Grader grader = grader(args, (int) args.number("--jobs", Runtime.getRuntime().availableProcessors()));
    Path work = Files.createTempDirectory("logitlab-grade");
    SubmissionResult result;
    try {
      result = grader.grade(submission, seed(args), work);
    } finally {
      ResultStore.deleteTree(work);
    }
    GradescopeReport.write(result, results.resolve("results.json"));
    ConsoleReport.print(result, out);
    return 0;
  }

  private static int bundle(Args args, PrintStream out) throws IOException {
    Path zip = Path.of(required(args, "--out"));
    Optional<Path> config = Optional.ofNullable(args.options().get("--config")).map(Path::of);
    GradescopeBundle.write(zip, graderJar(), config);
    out.println("Wrote " + zip.toAbsolutePath());
    return 0;
  }

  private static int fetchMnist(PrintStream out) throws IOException {
    MnistFiles files = MnistLocator.fromEnvironment().locate();
    out.println("MNIST is in " + files.trainImages().getParent());
    return 0;
  }

  private static void writeReports(SubmissionResult result, Path dir) throws IOException {
    ResultStore.write(dir, result);
    GradescopeReport.write(result, dir.resolve("results.json"));
    JUnitXmlReport.write(result, dir.resolve("junit.xml"));
    MarkdownReport.write(result, dir.resolve("summary.md"));
  }

  private static Grader grader(Args args, int parallelism) throws IOException {
    GradingConfig config = args.options().containsKey("--config")
        ? GradingConfig.load(Path.of(args.option("--config", ""))) : GradingConfig.defaults();
    return new Grader(config, mnistDir(args), parallelism);
  }

  /** The MNIST folder: --mnist-dir, else MNIST_DIR or the cache; never a download. */
  private static Optional<Path> mnistDir(Args args) throws IOException {
    MnistLocator locator = MnistLocator.fromEnvironment();
    if (args.options().containsKey("--mnist-dir")) {
      locator = locator.withUserDirectory(Path.of(args.option("--mnist-dir", "")));
    }
    return locator.findOffline().map(files -> files.trainImages().getParent());
  }

  private static long seed(Args args) {
    return args.number("--seed", new SecureRandom().nextLong() >>> 16);
  }

  private static String single(Args args, String what) {
    if (args.positional().size() != 1) {
      throw new IllegalArgumentException("usage: " + what + " [options]");
    }
    return args.positional().get(0);
  }

  private static String required(Args args, String option) {
    String value = args.options().get(option);
    if (value == null) {
      throw new IllegalArgumentException(option + " is required");
    }
    return value;
  }

  private static Set<String> union(Set<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

  /** The jar this grader runs from (what a bundle must carry). */
  private static Path graderJar() {
    try {
      Path location = Path.of(GraderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.toString().endsWith(".jar")) {
        throw new IllegalArgumentException("bundle-gradescope runs from the grader jar: build it with "
            + "./mvnw -B package -DskipTests and run java -jar grader/target/logit-lab-grader.jar");
      }
      return location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
