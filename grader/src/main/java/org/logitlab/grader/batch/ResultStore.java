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
 * The full result of each graded submission, as {@code <out>/students/<student>/result.json}: what
 * batch runs resume from and what {@code merge} reads. Students have a folder of their own below
 * {@code students/}, so that no student's name can clash with a file the batch writes in {@code <out>}. Every file is written atomically, so a killed run never
 * leaves a half-written result behind.
 */
public final class ResultStore {

  /** The file name of a stored result. */
  public static final String FILE = "result.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private ResultStore() {}

  /** The folder that holds the students' folders in a batch's {@code out}. */
  public static final String STUDENTS = "students";

  /** The folder of a student's results under {@code out}. */
  public static Path folder(Path out, String student) {
    return out.resolve(STUDENTS).resolve(student);
  }

  /** Writes {@code result} to {@code <folder>/result.json}. */
  public static void write(Path folder, SubmissionResult result) throws IOException {
    AtomicFile.write(folder.resolve(FILE), GSON.toJson(result));
  }

  /** The stored result of {@code student} in the batch folder {@code out}, if there is a readable one. */
  public static Optional<SubmissionResult> read(Path out, String student) {
    return readFolder(folder(out, student));
  }

  /** The result stored in {@code folder} (a student's folder, or {@code grade}'s {@code --out}), if readable. */
  public static Optional<SubmissionResult> readFolder(Path folder) {
    Path file = folder.resolve(FILE);
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
      Path students = out.resolve(STUDENTS);
      if (!Files.isDirectory(students)) {
        continue; // a batch that graded no one yet
      }
      try (Stream<Path> folders = Files.list(students)) {
        for (Path dir : folders.filter(Files::isDirectory).sorted().toList()) {
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
