package org.logitlab.grader.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.logitlab.data.Downloader;
import org.logitlab.data.MnistFile;
import org.logitlab.data.MnistFiles;
import org.logitlab.data.MnistLocator;
import org.logitlab.exercise.Language;
import org.logitlab.grader.Grader;
import org.logitlab.grader.GraderJar;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Texts;
import org.logitlab.grader.batch.BatchGrader;
import org.logitlab.grader.batch.GradeClassWorkflow;
import org.logitlab.grader.batch.Gradebook;
import org.logitlab.grader.batch.Lms;
import org.logitlab.grader.batch.LmsGradebook;
import org.logitlab.grader.batch.ResultStore;
import org.logitlab.grader.batch.Roster;
import org.logitlab.grader.report.ClassReport;
import org.logitlab.grader.report.ClassroomReport;
import org.logitlab.grader.report.ConsoleReport;
import org.logitlab.grader.report.GradescopeBundle;
import org.logitlab.grader.report.GradescopeReport;
import org.logitlab.grader.report.JUnitXmlReport;
import org.logitlab.grader.report.MarkdownReport;

/**
 * The grader's command line: {@code java -jar logit-lab-grader.jar <command> ...}; run without arguments
 * for help. Exit codes: {@value #OK} every submission graded; {@value #FAILURE} an I/O failure of the
 * grader (nothing graded is lost); {@value #USAGE_ERROR} a usage error; {@value #INCOMPLETE} some
 * submission's grading is incomplete (a grader error, never the student's: fix it and run again);
 * {@value #BELOW_THRESHOLD} everything was graded but a score is below {@code --fail-under};
 * {@value #NOT_IN_LMS_GRADEBOOK} everything was graded but the LMS gradebook has no row for some graded
 * submission, whose folder is not in the roster.
 *
 * <p>What it prints about grading (the table, where the reports and gradebooks are, what is missing
 * from them, why the exit code is not 0) is in the language of {@code grading.json} (for {@code merge},
 * the results'); the help, and the errors of a wrong command line, are English.
 */
public final class GraderMain {

  /** Every submission was graded. */
  public static final int OK = 0;
  /** The grader could not read or write what it needs. */
  public static final int FAILURE = 1;
  /** The command line is wrong. */
  public static final int USAGE_ERROR = 2;
  /** Some submission's grading is incomplete: a grader error. */
  public static final int INCOMPLETE = 3;
  /** Every submission was graded, and some scored below {@code --fail-under}. */
  public static final int BELOW_THRESHOLD = 4;
  /** Every submission was graded, and the LMS gradebook leaves some out: their folders are not in the roster. */
  public static final int NOT_IN_LMS_GRADEBOOK = 5;

  static final String USAGE = """
      Usage: java -jar logit-lab-grader.jar <command> [options]
             java -jar logit-lab-grader.jar <command> --help
             java -jar logit-lab-grader.jar --version

      Commands:
        grade SUBMISSION          grade one submission (a folder or a .zip) and print the table;
                                  reports go to --out (default grading-results/<student>)
        grade-all FOLDER          grade every sub-folder and .zip of FOLDER into --out, resuming a
                                  previous run, and write <out>/gradebook.csv and the class report
        merge OUT...              merge the results of several grade-all runs (e.g. shards) into one
                                  gradebook (--csv FILE, default gradebook.csv)
        gradescope                grade /autograder/submission into /autograder/results/results.json
        bundle-gradescope --out autograder.zip
                                  write a Gradescope autograder bundle around this grader
        github-workflow --out DIR write a GitHub Actions workflow that grades DIR/submissions/ in shards
                                  on several runners and merges them, with this grader beside it
        fetch-mnist               download MNIST into the cache (checksum-verified), for graders with internet

      Options (as --name value or --name=value):
        --config FILE     points and thresholds (JSON, overriding the bundled grading.json)
        --seed N          the seed of the random inputs (default: a new one, printed, for replay)
        --mnist-dir DIR   the MNIST folder (default: $MNIST_DIR, then the cache)
        --jobs N          how many exercises (grade) or submissions (grade-all) at once (default: cores)
        --shard i/n       grade-all: grade only shard i of n, for a CI matrix; merge the shards after
        --out DIR         where results go
        --fail-under N    grade, grade-all: exit 4 when a score is below N points
        --gradebook LMS   grade-all, merge: also write the gradebook for canvas or moodle beside the
                          plain one (gradebook-canvas.csv); plain (the default) writes only that
        --roster FILE     with --gradebook canvas|moodle: the CSV of each submission folder's student
        --assignment NAME the column of the total in the LMS file, e.g. "Logit Lab (4711)" as Canvas's
                          gradebook export names the assignment (default logit-lab)
        --bom             start the gradebooks with a UTF-8 byte order mark (Excel on Windows)
        --anonymous-report
                          grade-all, merge: name no student in the class report (to share it)

      Exit codes:
        0  every submission was graded
        1  the grader could not read or write a file it needs
        2  the command line is wrong
        3  grading is incomplete for some submission: a grader error, not the student's
           (the reports say which and why); fix it and run the same command again
        4  every submission was graded, and some scored below --fail-under
        5  every submission was graded, and the LMS gradebook has no row for some of them: their
           folders are not in the roster (the output lists them); add them and run it again
      """;

  private static final String LMS_HELP = """

      --gradebook canvas or moodle also writes the gradebook in that LMS's import format beside the
      plain one (gradebook-canvas.csv, gradebook-moodle.csv): the roster's identity columns, the total
      in the --assignment column (default logit-lab), then one column per exercise (for Canvas named
      "... Current Points", which Canvas's import skips as read-only). --roster FILE maps submission
      folders to students: a CSV with a header row, a folder column and, for Canvas, Student and ID
      (or SIS User ID, SIS Login ID; Section optional) as Canvas's gradebook export names them; for
      Moodle one of username, email, idnumber, userid. A graded folder not in the roster gets no row
      (the output names it; exit 5), nor does a roster entry without a submission; an incomplete
      grading keeps its row with empty score cells, never a number. --bom starts the files with a
      UTF-8 byte order mark, for Excel on Windows.

      """;

  private static final String CLASS_REPORT_HELP = """
      The class report, class-report.html (one page that opens with no network) and class-report.md
      (its charts in class-report/): score distributions of the class and of each exercise, the hidden
      checks the class failed most with the mistakes their feedback recognized, the MNIST accuracies
      and training times against the threshold and the budget, the submissions that could not be
      graded and why, and how the class was graded. --anonymous-report names no student in it.

      """;

  private static final Map<String, String> HELP = Map.of(
      "grade", """
          Usage: java -jar logit-lab-grader.jar grade SUBMISSION [--out DIR] [--config FILE] [--seed N]
                 [--mnist-dir DIR] [--jobs N] [--fail-under N]

          Grades one submission, a folder or a .zip, prints the table and writes results.json,
          junit.xml, summary.md, classroom.json (GitHub Classroom's reporter) and result.json into
          --out (default grading-results/<student>).
          Exit 0 when it was graded, 3 when grading is incomplete (a grader error), 4 when the score
          is below --fail-under.
          """,
      "grade-all", """
          Usage: java -jar logit-lab-grader.jar grade-all FOLDER --out DIR [--shard i/n] [--config FILE]
                 [--seed N] [--mnist-dir DIR] [--jobs N] [--fail-under N]
                 [--gradebook canvas|moodle|plain --roster FILE [--assignment NAME]] [--bom]
                 [--anonymous-report]

          Grades every sub-folder and .zip of FOLDER (the name is the student's), several at once,
          into DIR/students/<student>/ and writes DIR/gradebook.csv and the class report (below). A
          re-run resumes: it skips the
          students whose files did not change and grades again every incomplete one. Two entries of
          one student (alice/ and alice.zip) stop it before it grades anyone.
          """ + LMS_HELP + CLASS_REPORT_HELP + """
          Exit 0 when every submission was graded, 3 when some grading is incomplete, 4 when a score
          is below --fail-under, 5 when the LMS gradebook has no row for a graded submission.
          """,
      "merge", """
          Usage: java -jar logit-lab-grader.jar merge OUT... [--csv FILE]
                 [--gradebook canvas|moodle|plain --roster FILE [--assignment NAME]] [--bom]
                 [--anonymous-report]

          Joins the results folders of several grade-all runs (shards) into one gradebook, --csv
          (default gradebook.csv), and writes the class report (below) beside it, the same as one
          grade-all of the whole class would.
          """ + LMS_HELP + CLASS_REPORT_HELP + """
          Exit 0 when every merged submission was graded, 3 when some grading is incomplete, 5 when the
          LMS gradebook has no row for a graded submission.
          """,
      "gradescope", """
          Usage: java -jar logit-lab-grader.jar gradescope [--submission DIR] [--results DIR] [--config FILE]
                 [--seed N] [--mnist-dir DIR] [--jobs N]

          Gradescope's entry point: grades --submission (default /autograder/submission) into
          --results/results.json (default /autograder/results). When grading is incomplete (a grader
          error) it writes no results.json, so that Gradescope shows the run as failed, not a score,
          and exits 3.
          """,
      "bundle-gradescope", """
          Usage: java -jar logit-lab-grader.jar bundle-gradescope --out autograder.zip [--config FILE]
                 [--mnist-dir DIR]

          Writes a Gradescope autograder bundle (setup.sh, run_autograder, this grader jar, and the
          configuration if given). setup.sh downloads MNIST when the image is built; with --mnist-dir
          the bundle carries the MNIST files of DIR instead, and the image needs no download.
          """,
      "github-workflow", """
          Usage: java -jar logit-lab-grader.jar github-workflow --out DIR

          Writes DIR/.github/workflows/grade-class.yml, a GitHub Actions workflow that grades
          DIR/submissions/ as a matrix of shards (grade-all --shard i/n, one seed), uploads each shard's
          results as an artifact and merges them into the artifact "gradebook"; and DIR/logit-lab-grader.jar,
          this grader, which the workflow runs. Commit DIR with submissions/ to a private repository and
          run "Grade a class" from its Actions tab.
          """,
      "fetch-mnist", """
          Usage: java -jar logit-lab-grader.jar fetch-mnist [--into DIR]

          Downloads MNIST into the cache ($XDG_CACHE_HOME/logit-lab/mnist or ~/.cache/logit-lab/mnist),
          checksum-verified; with MNIST_DIR set, checks that folder instead. With --into, DIR takes
          the cache's place: the files it holds are kept and the missing ones downloaded.
          """);

  /** How long a download of an MNIST file may wait on a mirror. */
  private static final Duration MNIST_DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);

  /** The flag that leaves students' names out of the class report. */
  private static final String ANONYMOUS = "--anonymous-report";

  private static final Set<String> GRADING = Set.of("--config", "--seed", "--mnist-dir", "--jobs", "--out");

  /** The gradebook files a command writes: the plain one, the LMS file beside it if asked, with a BOM if asked. */
  private record Gradebooks(Optional<LmsGradebook> lms, boolean bom) {}

  private GraderMain() {}

  /** Runs a command and exits with its code (see the class comment). */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.print(USAGE);
      return args.length == 0 ? USAGE_ERROR : OK;
    }
    if (args[0].equals("--version")) {
      out.println("logit-lab-grader " + version());
      return OK;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (HELP.containsKey(args[0]) && (rest.contains("--help") || rest.contains("-h"))) {
      out.print(HELP.get(args[0]));
      return OK;
    }
    try {
      return switch (args[0]) {
        case "grade" -> grade(Args.parse(rest, union(GRADING, "--fail-under")), out);
        case "grade-all" -> gradeAll(Args.parse(rest, union(GRADING, "--shard", "--fail-under", "--gradebook",
            "--roster", "--assignment"), Set.of("--bom", ANONYMOUS)), out);
        case "merge" -> merge(Args.parse(rest, Set.of("--csv", "--gradebook", "--roster", "--assignment"),
            Set.of("--bom", ANONYMOUS)), out);
        case "gradescope" -> gradescope(Args.parse(rest, union(GRADING, "--submission", "--results")), out);
        case "bundle-gradescope" -> bundle(Args.parse(rest, Set.of("--out", "--config", "--mnist-dir")), out);
        case "github-workflow" -> workflow(Args.parse(rest, Set.of("--out")), out);
        case "fetch-mnist" -> fetchMnist(Args.parse(rest, Set.of("--into")), out);
        default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
      };
    } catch (IllegalArgumentException e) {
      err.println("logit-lab-grader: " + e.getMessage());
      err.println("Run without arguments for help.");
      return USAGE_ERROR;
    } catch (IOException e) {
      err.println("logit-lab-grader: " + describe(e));
      return FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("logit-lab-grader: interrupted");
      return FAILURE;
    }
  }

  /** What went wrong with a file, in words: the JDK's file errors carry only the path. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile() + " (the user running the grader may not read or write it)";
    }
    if (e instanceof NoSuchFileException missing) {
      return "no such file or folder: " + missing.getFile();
    }
    return e.getMessage();
  }

  /** The grader's version, from its jar's manifest. */
  static String version() {
    String version = GraderMain.class.getPackage().getImplementationVersion();
    return version != null ? version : "(development build, not run from the grader jar)";
  }

  private static int grade(Args args, PrintStream out) throws IOException {
    Path submission = Path.of(single(args, "grade SUBMISSION"));
    long seed = seed(args);
    double failUnder = args.decimal("--fail-under", Double.NEGATIVE_INFINITY);
    GradingConfig config = config(args);
    Grader grader = new Grader(config, mnistDir(args), jobs(args));
    Path dir = Path.of(args.option("--out", Path.of("grading-results", Grader.studentName(submission)).toString()));
    Path work = Files.createTempDirectory("logitlab-grade");
    SubmissionResult result;
    try {
      result = grader.grade(submission, seed, work);
    } finally {
      ResultStore.deleteTree(work);
    }
    writeReports(result, config, dir);
    ConsoleReport.print(result, out);
    Texts texts = Texts.of(config.language());
    out.println(texts.text("cli.reports", "folder", dir.toAbsolutePath()));
    return exitCode(texts, List.of(result), List.of(), failUnder, out);
  }

  private static int gradeAll(Args args, PrintStream out) throws IOException, InterruptedException {
    Path folder = Path.of(single(args, "grade-all FOLDER"));
    Path dir = Path.of(required(args, "--out"));
    double failUnder = args.decimal("--fail-under", Double.NEGATIVE_INFINITY);
    // A resumed batch keeps the seed of the results it already has, so every student gets the same inputs.
    long seed = args.options().containsKey("--seed") ? seed(args)
        : ResultStore.readAll(Files.isDirectory(dir) ? List.of(dir) : List.of()).stream()
            .map(SubmissionResult::seed).findFirst().orElseGet(() -> seed(args));
    BatchGrader.Shard shard = args.options().containsKey("--shard")
        ? BatchGrader.Shard.parse(args.option("--shard", "")) : BatchGrader.Shard.all();
    Gradebooks gradebooks = gradebooks(args);
    if (!Files.isDirectory(folder)) {
      throw new IOException(folder + " is not a folder of submissions");
    }
    GradingConfig config = config(args);
    BatchGrader batch = new BatchGrader(new Grader(config, mnistDir(args), 1),
        jobs(args), out);
    Texts texts = Texts.of(config.language());
    out.println(texts.text("cli.grading", "folder", folder, "shard", shard.index() + "/" + shard.count(), "seed",
        seed));
    List<SubmissionResult> results = batch.gradeAll(folder, dir, shard, seed);
    for (SubmissionResult r : results) {
      writeReports(r, config, ResultStore.folder(dir, r.student()));
    }
    // Every result stored in DIR, so that resumed and earlier rows stay.
    List<SubmissionResult> stored = ResultStore.readAll(List.of(dir));
    List<String> unrostered = writeGradebooks(texts, stored, dir.resolve("gradebook.csv"), gradebooks, out);
    writeClassReport(texts, stored, dir, args, out);
    return exitCode(texts, results, unrostered, failUnder, out);
  }

  /**
   * {@code --gradebook}, {@code --roster}, {@code --assignment} and {@code --bom}; the roster is read
   * and checked here, before anything is graded.
   */
  private static Gradebooks gradebooks(Args args) throws IOException {
    String format = args.option("--gradebook", "plain");
    if (format.equalsIgnoreCase("plain")) {
      for (String option : List.of("--roster", "--assignment")) {
        if (args.options().containsKey(option)) {
          throw new IllegalArgumentException(option + " is for an LMS gradebook: add --gradebook canvas or "
              + "--gradebook moodle");
        }
      }
      return new Gradebooks(Optional.empty(), args.flag("--bom"));
    }
    Lms lms = Lms.parse(format);
    String roster = args.options().get("--roster");
    if (roster == null) {
      throw new IllegalArgumentException("--gradebook " + lms.id() + " needs --roster FILE: a CSV with a header row "
          + "that maps each submission folder to its " + lms.title() + " student (README.md, LMS gradebooks)");
    }
    return new Gradebooks(Optional.of(new LmsGradebook(lms, Roster.read(Path.of(roster), lms),
        args.option("--assignment", LmsGradebook.DEFAULT_ASSIGNMENT))), args.flag("--bom"));
  }

  /**
   * Writes the plain gradebook of {@code results} to {@code file} and the LMS file beside it, if asked;
   * says where, and what the LMS file leaves out.
   *
   * @return the graded submissions that the LMS file has no row for
   */
  private static List<String> writeGradebooks(Texts texts, List<SubmissionResult> results, Path file,
      Gradebooks gradebooks, PrintStream out) throws IOException {
    Gradebook.write(file, Gradebook.csv(results), gradebooks.bom());
    out.println(texts.text("cli.gradebook", "file", file.toAbsolutePath()));
    if (gradebooks.lms().isEmpty()) {
      return List.of();
    }
    LmsGradebook lms = gradebooks.lms().get();
    LmsGradebook.Export export = lms.export(results);
    Path lmsFile = lms.fileBeside(file);
    Gradebook.write(lmsFile, export.csv(), gradebooks.bom());
    String title = lms.lms().title();
    Path roster = lms.roster().file();
    out.println(texts.text("cli.lms.file", "lms", title, "file", lmsFile.toAbsolutePath(), "rows", export.rows(),
        "entries", lms.roster().entries().size(), "roster", roster));
    if (!export.withoutSubmission().isEmpty()) {
      out.println(texts.text("cli.lms.withoutSubmission", "roster", roster, "lms", title, "entries",
          String.join(", ", export.withoutSubmission().stream().map(Roster.Entry::describe).toList())));
    }
    if (!export.ungraded().isEmpty()) {
      out.println(texts.text("cli.lms.ungraded", "lms", title, "students", String.join(", ", export.ungraded())));
    }
    if (!export.unrostered().isEmpty()) {
      out.println(texts.text("cli.lms.unrostered", "lms", title, "count", export.unrostered().size(), "roster", roster,
          "students", String.join(", ", export.unrostered())));
    }
    return export.unrostered();
  }

  /** Writes the class report of {@code results} into {@code folder} (after the gradebooks: they never wait on it). */
  private static void writeClassReport(Texts texts, List<SubmissionResult> results, Path folder, Args args,
      PrintStream out) throws IOException {
    Path html = ClassReport.write(results, folder, texts, !args.flag(ANONYMOUS));
    out.println(texts.text("cli.classReport", "file", html.toAbsolutePath(), "markdown",
        folder.resolve(ClassReport.MARKDOWN).toAbsolutePath()));
  }

  /**
   * {@link #INCOMPLETE} when some grading is incomplete, else {@link #NOT_IN_LMS_GRADEBOOK} when
   * {@code unrostered} (graded submissions the LMS gradebook has no row for) is not empty, else
   * {@link #BELOW_THRESHOLD} when a graded score is below {@code failUnder}, else {@link #OK}; says
   * which submissions on {@code out}.
   */
  private static int exitCode(Texts texts, List<SubmissionResult> results, List<String> unrostered, double failUnder,
      PrintStream out) {
    List<String> incomplete = results.stream().filter(r -> !r.graded()).map(SubmissionResult::student).toList();
    if (!incomplete.isEmpty()) {
      out.println(texts.text("cli.incomplete", "count", incomplete.size(), "students", String.join(", ", incomplete),
          "code", INCOMPLETE));
      return INCOMPLETE;
    }
    if (!unrostered.isEmpty()) {
      out.println(texts.text("cli.unrostered", "students", String.join(", ", unrostered), "code",
          NOT_IN_LMS_GRADEBOOK));
      return NOT_IN_LMS_GRADEBOOK;
    }
    List<String> below = results.stream().filter(r -> r.score() < failUnder - 1e-9)
        .map(r -> r.student() + " (" + String.format(Locale.ROOT, "%.2f", r.score()) + ")").toList();
    if (!below.isEmpty()) {
      out.println(texts.text("cli.below", "threshold", String.format(Locale.ROOT, "%.2f", failUnder), "students",
          String.join(", ", below), "code", BELOW_THRESHOLD));
      return BELOW_THRESHOLD;
    }
    return OK;
  }

  private static int merge(Args args, PrintStream out) throws IOException {
    if (args.positional().isEmpty()) {
      throw new IllegalArgumentException("merge needs the results folders of the runs to merge");
    }
    List<Path> folders = args.positional().stream().map(Path::of).toList();
    Gradebooks gradebooks = gradebooks(args);
    List<SubmissionResult> results = ResultStore.readAll(folders);
    // merge has no grading.json: it speaks the language the results were graded in.
    Texts texts = Texts.of(results.stream().map(SubmissionResult::language).findFirst().orElseGet(Language::current));
    out.println(texts.text("cli.merged", "results", results.size(), "runs", folders.size()));
    Path csv = Path.of(args.option("--csv", "gradebook.csv"));
    List<String> unrostered = writeGradebooks(texts, results, csv, gradebooks, out);
    writeClassReport(texts, results, csv.toAbsolutePath().getParent(), args, out);
    return exitCode(texts, results, unrostered, Double.NEGATIVE_INFINITY, out);
  }

  private static int gradescope(Args args, PrintStream out) throws IOException {
    Path submission = Path.of(args.option("--submission", "/autograder/submission"));
    Path results = Path.of(args.option("--results", "/autograder/results"));
    GradingConfig config = config(args);
    Grader grader = new Grader(config, mnistDir(args), jobs(args));
    Path work = Files.createTempDirectory("logitlab-grade");
    SubmissionResult result;
    try {
      result = grader.grade(submission, seed(args), work);
    } finally {
      ResultStore.deleteTree(work);
    }
    ConsoleReport.print(result, out);
    if (!result.graded()) {
      // No results.json: Gradescope then shows the run as failed, where a score would be a wrong grade.
      Files.deleteIfExists(results.resolve("results.json"));
      return exitCode(Texts.of(config.language()), List.of(result), List.of(), Double.NEGATIVE_INFINITY, out);
    }
    GradescopeReport.write(result, config.gradescope(), results.resolve("results.json"));
    return OK;
  }

  private static int bundle(Args args, PrintStream out) throws IOException {
    Path zip = Path.of(required(args, "--out"));
    Optional<Path> config = Optional.ofNullable(args.options().get("--config")).map(Path::of);
    Optional<MnistFiles> mnist = Optional.empty();
    if (args.options().containsKey("--mnist-dir")) {
      // findOffline names every missing file when the folder lacks one.
      mnist = MnistLocator.fromEnvironment().withUserDirectory(Path.of(args.option("--mnist-dir", ""))).findOffline();
    }
    GradescopeBundle.write(zip, graderJar("bundle-gradescope"), config, mnist);
    out.println("Wrote " + zip.toAbsolutePath());
    return OK;
  }

  private static int workflow(Args args, PrintStream out) throws IOException {
    single(args, 0, "github-workflow --out DIR");
    Path repository = Path.of(required(args, "--out"));
    GradeClassWorkflow.write(repository, graderJar("github-workflow"));
    out.println("Wrote " + repository.resolve(GradeClassWorkflow.FILE).toAbsolutePath() + " and "
        + repository.resolve(GraderJar.NAME).toAbsolutePath());
    if (!Files.isDirectory(repository.resolve(GradeClassWorkflow.SUBMISSIONS))) {
      out.println("Put the class's submissions in " + repository.resolve(GradeClassWorkflow.SUBMISSIONS)
          .toAbsolutePath() + " (a folder or .zip per student) before you commit.");
    }
    return OK;
  }

  private static int fetchMnist(Args args, PrintStream out) throws IOException {
    single(args, 0, "fetch-mnist");
    MnistLocator locator = MnistLocator.fromEnvironment();
    if (args.options().containsKey("--into")) {
      // The folder takes the cache's place: the files it holds are kept, the missing ones downloaded.
      locator = new MnistLocator(null, Path.of(args.option("--into", "")),
          new Downloader(MnistLocator.DEFAULT_MIRRORS, MNIST_DOWNLOAD_TIMEOUT), MnistFile::canonical);
    }
    MnistFiles files = locator.locate();
    out.println("MNIST is in " + files.trainImages().getParent());
    return OK;
  }

  private static void writeReports(SubmissionResult result, GradingConfig config, Path dir) throws IOException {
    ResultStore.write(dir, result);
    GradescopeReport.write(result, config.gradescope(), dir.resolve("results.json"));
    JUnitXmlReport.write(result, dir.resolve("junit.xml"));
    MarkdownReport.write(result, dir.resolve("summary.md"));
    ClassroomReport.write(result, dir.resolve("classroom.json"));
  }

  /** {@code --jobs}, by default one per processor. */
  private static int jobs(Args args) {
    return (int) args.number("--jobs", Runtime.getRuntime().availableProcessors());
  }

  /** The configuration of {@code --config}, or the bundled one. */
  private static GradingConfig config(Args args) throws IOException {
    return args.options().containsKey("--config")
        ? GradingConfig.load(Path.of(args.option("--config", ""))) : GradingConfig.defaults();
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
    single(args, 1, what);
    return args.positional().get(0);
  }

  private static void single(Args args, int count, String what) {
    if (args.positional().size() != count) {
      throw new IllegalArgumentException("usage: " + what + " [options]");
    }
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

  /** The jar this grader runs from (what a bundle or workflow must carry), for {@code command}. */
  private static Path graderJar(String command) {
    try {
      Path location = Path.of(GraderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.toString().endsWith(".jar")) {
        throw new IllegalArgumentException(command + " runs from the grader jar: build it with "
            + "./mvnw -B package -DskipTests and run java -jar grader/target/logit-lab-grader.jar");
      }
      return location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
