package org.logitlab.grader.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.logitlab.grader.Grader;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.Texts;
import org.logitlab.grader.runner.GradingClassPath;
import org.logitlab.grader.submission.Submission;

/**
 * Grades a folder of submissions (each a sub-folder or a zip): independently, several at once, each
 * result stored as soon as it is known in the {@link ResultStore}, from which the gradebooks are
 * written. A re-run skips the submissions whose stored result is for the same files; a crashing,
 * hanging or non-compiling submission gets its result and status and never stops the batch.
 */
public final class BatchGrader {

  /**
   * Which part of a class this run grades: shard {@code index} of {@code count} (1-based), the
   * submissions whose position in name order is {@code index − 1} modulo {@code count}.
   */
  public record Shard(int index, int count) {

    /** Checks the numbers. */
    public Shard {
      if (count < 1 || index < 1 || index > count) {
        throw new IllegalArgumentException("a shard is i/n with 1 ≤ i ≤ n, got " + index + "/" + count);
      }
    }

    /** Parses {@code "i/n"}. */
    public static Shard parse(String text) {
      String[] parts = text.split("/");
      try {
        if (parts.length == 2) {
          return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("--shard takes i/n, e.g. 2/4; got '" + text + "'");
    }

    /** The whole class in one shard. */
    public static Shard all() {
      return new Shard(1, 1);
    }

    boolean includes(int position) {
      return position % count == index - 1;
    }
  }

  private final Grader grader;
  private final int jobs;
  private final PrintStream log;

  /**
   * @param grader grades one submission (give it parallelism 1: the batch runs {@code jobs} at once)
   * @param jobs how many submissions to grade at once
   * @param log where progress lines go
   */
  public BatchGrader(Grader grader, int jobs, PrintStream log) {
    this.grader = grader;
    this.jobs = Math.max(1, jobs);
    this.log = log;
  }

  /**
   * The submissions in {@code folder}, in name order: its sub-folders, zip files and archives of other
   * kinds (graded as unreadable, so that their students get a row that says why). Hidden entries
   * (a name starting with a dot) and other files are left out, each with a line on {@code log} in the
   * language of {@code texts}.
   *
   * @throws IllegalArgumentException when two entries are the same student's (a folder and a zip of
   *     one name, or names that differ only in case): the message names both
   */
  public static List<Path> submissions(Path folder, PrintStream log, Texts texts) throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(folder)) {
      entries = list.sorted().toList();
    }
    List<Path> submissions = new ArrayList<>();
    Map<String, Path> byStudent = new TreeMap<>();
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".")) {
        log.println(texts.text(Files.isDirectory(entry) ? "batch.hiddenFolder" : "batch.hiddenFile", "name", name));
        continue;
      }
      if (!Files.isDirectory(entry) && !Submission.isArchive(entry)) {
        log.println(texts.text("batch.neither", "name", name));
        continue;
      }
      Path other = byStudent.putIfAbsent(Grader.studentName(entry).toLowerCase(Locale.ROOT), entry);
      if (other != null) {
        throw new IllegalArgumentException(other.getFileName() + " and " + name + " in " + folder
            + " are both the submission of '" + Grader.studentName(entry) + "' (names are compared without case, "
            + "as some file systems do): keep one of them, or rename one, and grade again");
      }
      submissions.add(entry);
    }
    return submissions;
  }

  /**
   * Grades this shard's submissions of {@code folder} into {@code out}.
   *
   * @return the results of this shard's submissions, in name order
   */
  public List<SubmissionResult> gradeAll(Path folder, Path out, Shard shard, long seed)
      throws IOException, InterruptedException {
    List<Path> all = submissions(folder, log, Texts.of(grader.language()));
    List<Path> mine = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (shard.includes(i)) {
        mine.add(all.get(i));
      }
    }
    if (mine.size() > 1) {
      prepareArchive();
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    List<Future<SubmissionResult>> futures = new ArrayList<>();
    try {
      for (Path submission : mine) {
        futures.add(pool.submit(() -> gradeOne(submission, out, seed)));
      }
      List<SubmissionResult> results = new ArrayList<>();
      for (Future<SubmissionResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IOException("could not store a result: " + e.getCause().getMessage(), e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Makes the grading JVMs' class-data archive unless this grader has one: it costs about one
   * submission's grading and saves a good part of every grading JVM's start after it. Without it,
   * grading goes on as fast as before, with a line that says why.
   */
  private void prepareArchive() throws InterruptedException {
    Texts texts = Texts.of(grader.language());
    try {
      GradingClassPath classPath = GradingClassPath.current();
      if (classPath.lacksArchive()) {
        log.println(texts.text("batch.makingArchive"));
        long start = System.nanoTime();
        classPath.makeArchive(jobs);
        log.println(texts.text("batch.madeArchive", "seconds",
            String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9)));
      }
    } catch (IOException e) {
      log.println(texts.text("batch.noArchive", "reason", e.getMessage()));
    }
  }

  private SubmissionResult gradeOne(Path submission, Path out, long seed) throws IOException {
    String student = Grader.studentName(submission);
    Optional<SubmissionResult> stored = ResultStore.read(out, student);
    Path work = out.resolve(".work").resolve(student);
    String digest = digestOf(submission, work);
    if (stored.isPresent() && stored.get().status() == SubmissionResult.Status.COMPLETE
        && stored.get().digest().equals(digest)) {
      log.printf(Locale.ROOT, "%-24s %s%n", student, Texts.of(grader.language()).text("batch.alreadyGraded", "score",
          score(stored.get())));
      return stored.get();
    }
    SubmissionResult result = grader.grade(submission, seed, work);
    ResultStore.write(ResultStore.folder(out, student), result);
    ResultStore.deleteTree(work);
    log.printf(Locale.ROOT, "%-24s %s%n", student, score(result));
    return result;
  }

  /** The digest of the submission's exercise files, or empty when it cannot be opened. */
  private String digestOf(Path submission, Path work) {
    try {
      return grader.open(submission, work).digest();
    } catch (IOException e) {
      return "";
    } finally {
      try {
        ResultStore.deleteTree(work);
      } catch (IOException e) {
        // the grader recreates what it needs
      }
    }
  }

  private static String score(SubmissionResult r) {
    return r.graded() ? String.format(Locale.ROOT, "%.2f / %.2f  %s", r.score(), r.maxScore(), Gradebook.status(r))
        : Gradebook.status(r);
  }
}
