package org.logitlab.grader.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.logitlab.grader.Grader;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.submission.Submission;

/**
 * Grades a folder of submissions (each a sub-folder or a zip): independently, several at once, each
 * result stored as soon as it is known, then the CSV gradebook. A re-run skips the submissions whose
 * stored result is for the same files; a crashing, hanging or non-compiling submission gets its row
 * and status and never stops the batch.
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

  /** The submissions in {@code folder}: its sub-folders and zip files, in name order. */
  public static List<Path> submissions(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(p -> Files.isDirectory(p)
              || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }

  /**
   * Grades this shard's submissions of {@code folder} into {@code out} and writes
   * {@code out/gradebook.csv} with every result stored there (so resumed and earlier rows stay).
   *
   * @return the results of this shard's submissions, in name order
   */
  public List<SubmissionResult> gradeAll(Path folder, Path out, Shard shard, long seed)
      throws IOException, InterruptedException {
    List<Path> all = submissions(folder);
    List<Path> mine = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (shard.includes(i)) {
        mine.add(all.get(i));
      }
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
      Gradebook.write(out.resolve("gradebook.csv"), ResultStore.readAll(List.of(out)));
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private SubmissionResult gradeOne(Path submission, Path out, long seed) throws IOException {
    String student = Grader.studentName(submission);
    Optional<SubmissionResult> stored = ResultStore.read(out, student);
    Path work = out.resolve(".work").resolve(student);
    String digest = digestOf(submission, work);
    if (stored.isPresent() && stored.get().status() == SubmissionResult.Status.COMPLETE
        && stored.get().digest().equals(digest)) {
      log.printf(Locale.ROOT, "%-24s already graded: %s%n", student, score(stored.get()));
      return stored.get();
    }
    SubmissionResult result = grader.grade(submission, seed, work);
    ResultStore.write(ResultStore.folder(out, student), result);
    ResultStore.deleteTree(work);
    log.printf(Locale.ROOT, "%-24s %s%n", student, score(result));
    return result;
  }

  /** The digest of the submission's exercise files, or empty when it cannot be opened. */
  private static String digestOf(Path submission, Path work) {
    try {
      return Submission.open(submission, work).digest();
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
