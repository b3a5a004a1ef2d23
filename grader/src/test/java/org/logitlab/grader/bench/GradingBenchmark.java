package org.logitlab.grader.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.logitlab.grader.Submissions;
import org.logitlab.grader.runner.ExerciseJvm;
import org.logitlab.grader.runner.GradingClassPath;

/**
 * Grades {@code N} copies of the reference with the packaged grader, as an instructor runs it
 * ({@code java -jar logit-lab-grader.jar grade-all … --jobs J}), twice in one run: without the
 * grading JVMs' class-data archive and with it (made in the run, from an empty cache), and prints
 * submissions per minute, the time of each phase and the fixed cost of a grading JVM (its time outside
 * every test: start-up, loading, discovery). Every copy must score full points in both rounds.
 *
 * <p>{@code ./mvnw -B -q -pl grader -am verify -DskipTests -Djacoco.skip=true -Pbench-grading} ({@code -Dbench.copies=N},
 * default 6, {@code -Dbench.jobs=J}, default 2; set {@code MNIST_DIR} for the MNIST test).
 */
public final class GradingBenchmark {

  private static final Pattern MADE = Pattern.compile("made it in ([0-9.]+) s");

  private GradingBenchmark() {}

  /** {@code args[0]}: the grader jar. */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    int copies = Integer.getInteger("bench.copies", 6);
    int jobs = Integer.getInteger("bench.jobs", 2);
    Path work = Files.createTempDirectory("grading-bench");
    Path submissions = Files.createDirectories(work.resolve("submissions"));
    for (int i = 1; i <= copies; i++) {
      Submissions.reference(submissions.resolve(String.format(Locale.ROOT, "student%02d", i)));
    }
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    System.out.printf(Locale.ROOT, "grading benchmark: %d copies of the reference, grade-all --jobs %d, Java %s, "
        + "%d cores, load %s before, MNIST %s%n%n", copies, jobs, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), load, System.getenv("MNIST_DIR") == null ? "absent" : "present");
    Round without = grade(jar, work, "without", false, jobs);
    Round with = grade(jar, work, "with", true, jobs);

    String row = "%-44s %18s %18s%n";
    System.out.printf(Locale.ROOT, row, "", "without archive", "with archive");
    System.out.printf(Locale.ROOT, row, "batch of " + copies, seconds(without.wall), seconds(with.wall));
    System.out.printf(Locale.ROOT, row, "  of which making the archive (once)", "", seconds(with.archive));
    System.out.printf(Locale.ROOT, row, "submissions per minute", perMinute(copies, without.wall),
        perMinute(copies, with.wall));
    System.out.printf(Locale.ROOT, row, "  once the archive exists", "", perMinute(copies, with.wall - with.archive));
    for (String phase : List.of("compile", "run", "total")) {
      System.out.printf(Locale.ROOT, row, "per submission, " + phase + " (median)",
          seconds(median(without.phase(phase))), seconds(median(with.phase(phase))));
    }
    System.out.printf(Locale.ROOT, row, "per grading JVM, whole (median)", seconds(median(without.jvm)),
        seconds(median(with.jvm)));
    System.out.printf(Locale.ROOT, row, "per grading JVM, fixed cost (median)", seconds(median(without.fixed)),
        seconds(median(with.fixed)));
    System.out.printf(Locale.ROOT, "%nwith/without: %.2f× the submissions per minute once the archive exists; "
        + "fixed cost per JVM %.2f×%n", without.wall / (with.wall - with.archive),
        median(with.fixed) / median(without.fixed));
  }

  /** One round of {@code grade-all} in its own output folder and cache. */
  private static Round grade(Path jar, Path work, String name, boolean archive, int jobs)
      throws IOException, InterruptedException {
    Path out = work.resolve("out-" + name);
    List<String> command = new ArrayList<>(List.of(ExerciseJvm.javaExecutable(),
        "-D" + GradingClassPath.CACHE_PROPERTY + "=" + work.resolve("cache-" + name),
        "-D" + GradingClassPath.CDS_PROPERTY + "=" + archive, "-jar", jar.toString(), "grade-all",
        work.resolve("submissions").toString(), "--out", out.toString(), "--seed", "1", "--jobs",
        Integer.toString(jobs)));
    Path log = work.resolve(name + ".log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IllegalStateException("grade-all " + name + " the archive exited with " + exit + ":\n" + output);
    }
    Matcher made = MADE.matcher(output);
    Round round = new Round(wall, made.find() ? Double.parseDouble(made.group(1)) : 0);
    try (var students = Files.list(out.resolve("students"))) {
      for (Path student : students.sorted().toList()) {
        JsonObject result = JsonParser.parseString(Files.readString(student.resolve("result.json"))).getAsJsonObject();
        if (result.get("score").getAsDouble() != result.get("maxScore").getAsDouble()) {
          throw new IllegalStateException(student + ": the reference did not get full points " + name
              + " the archive:\n" + output);
        }
        round.add(result);
      }
    }
    return round;
  }

  private record Round(double wall, double archive, List<JsonObject> results, List<Double> jvm, List<Double> fixed) {
    Round(double wall, double archive) {
      this(wall, archive, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    void add(JsonObject result) {
      results.add(result);
      for (JsonElement e : result.getAsJsonArray("exercises")) {
        JsonObject exercise = e.getAsJsonObject();
        double tests = 0;
        for (JsonElement t : exercise.getAsJsonArray("tests")) {
          tests += t.getAsJsonObject().get("millis").getAsDouble();
        }
        jvm.add(exercise.get("millis").getAsDouble() / 1000);
        fixed.add((exercise.get("millis").getAsDouble() - tests) / 1000);
      }
    }

    List<Double> phase(String name) {
      return results.stream().map(r -> r.getAsJsonObject("phaseMillis").get(name).getAsDouble() / 1000).toList();
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  private static String perMinute(int copies, double seconds) {
    return String.format(Locale.ROOT, "%.1f", copies * 60 / seconds);
  }
}
