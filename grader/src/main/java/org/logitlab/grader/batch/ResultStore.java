package org.logitlab.grader.batch;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.logitlab.grader.AtomicFile;
import org.logitlab.grader.SubmissionResult;

/**
 * The full result of each graded submission, as {@code <out>/<student>/result.json}: what batch runs
 * resume from and what {@code merge} reads. Every file is written atomically, so a killed run never
 * leaves a half-written result behind.
 */
public final class ResultStore {

  /** The file name of a stored result. */
  public static final String FILE = "result.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private ResultStore() {}

  /** The folder of a student's results under {@code out}. */
  public static Path folder(Path out, String student) {
    return out.resolve(student);
  }

  /** Writes {@code result} to {@code <folder>/result.json}. */
  public static void write(Path folder, SubmissionResult result) throws IOException {
    AtomicFile.write(folder.resolve(FILE), GSON.toJson(result));
  }

  /** The stored result of {@code student}, if there is a readable one. */
  public static Optional<SubmissionResult> read(Path out, String student) {
    Path file = folder(out, student).resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), SubmissionResult.class));
    } catch (IOException | JsonParseException e) {
      return Optional.empty();
    }
  }

  /** Every stored result under each of {@code outs}, by student name; a later folder wins. */
  public static List<SubmissionResult> readAll(List<Path> outs) throws IOException {
    Map<String, SubmissionResult> byStudent = new TreeMap<>();
    for (Path out : outs) {
      if (!Files.isDirectory(out)) {
        throw new IOException(out + " is not a results folder");
      }
      try (Stream<Path> students = Files.list(out)) {
        for (Path dir : students.filter(Files::isDirectory).sorted().toList()) {
          read(out, dir.getFileName().toString()).ifPresent(r -> byStudent.put(r.student(), r));
        }
      }
    }
    return new ArrayList<>(byStudent.values());
  }

  /** Deletes {@code root} and everything below it, if it exists. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
