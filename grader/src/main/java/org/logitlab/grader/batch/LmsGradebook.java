package org.logitlab.grader.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.SubmissionResult;

/**
 * The gradebook as an LMS's CSV import reads it: the roster's identity columns, the total in the column
 * named {@code assignment}, then one column per exercise; a row per roster entry whose folder was
 * graded, in the roster's order. Every text cell goes through the gradebook's formula guard
 * ({@link Gradebook#cell}); scores are written as in the plain gradebook.
 *
 * <p><b>Canvas</b> (checked against {@code instructure/canvas-lms} {@code lib/gradebook_importer.rb} and
 * {@code lib/gradebook_exporter.rb}, and the Canvas guides "Import CSV File for Carmen Grades" (Ohio
 * State) and "Gradebook Action Menu" (VCU)): the header starts {@code Student, ID, SIS User ID,
 * SIS Login ID, Section}; every later column is an assignment, matched by the id in a name written
 * {@code "Title (123)"}, else by its exact title, else created as a new assignment. Only the total's
 * column is one: the exercise columns are named {@code "Exercise 1 (sigmoid) Current Points"}, as Canvas's
 * export names an assignment group's read-only points, and the importer skips every column whose name
 * contains "Current Points" (its {@code NON_ASSIGNMENT_COLUMN_HEADERS}); the {@code Points Possible}
 * row says {@code (read only)} for them, as the export does, and gives the total's maximum.
 *
 * <p><b>Moodle</b> (checked against {@code moodle/moodle} {@code grade/import/csv/classes/load_data.php} and
 * {@code grade/import/grade_import_form.php}): the first column is the roster's identity column, which the
 * teacher maps ("Map from" it, "Map to" the same field); every other column is mapped by the teacher to a
 * grade item, a new grade item, feedback, or "Ignore", which is the default: nothing is created unless
 * the teacher asks.
 *
 * <p><b>What is left out.</b> A graded folder without a roster entry has no row (Canvas would look for a
 * student of that name, and Moodle aborts the whole import on a user it cannot find, or, when the identity
 * cell is empty, gives the row's grades to the student of the row above); it is listed in
 * {@link Export#unrostered()}. A roster entry without a graded folder has no row either (an empty cell is
 * "no grade" to both importers and would erase a grade entered by hand), and is listed in
 * {@link Export#withoutSubmission()}. A submission whose grading is incomplete (a grader fault) keeps its
 * row with every score cell empty, never a number, and is listed in {@link Export#ungraded()}.
 *
 * @param lms the LMS
 * @param roster who each folder is in the LMS
 * @param assignment the header of the total's column: for Canvas the assignment's column as Canvas's
 *     export names it ({@code "Logit Lab (4711)"}), for Moodle a label the teacher maps to a grade item
 */
public record LmsGradebook(Lms lms, Roster roster, String assignment) {

  /** The total's column when {@code --assignment} is not given. */
  public static final String DEFAULT_ASSIGNMENT = "logit-lab";
  /**
   * What Canvas's importer never takes for an assignment in a column's name: its read-only totals
   * ({@code NON_ASSIGNMENT_COLUMN_HEADERS}).
   */
  static final List<String> CANVAS_NOT_ASSIGNMENTS = List.of("Current Score", "Current Points", "Current Grade",
      "Final Score", "Final Points", "Final Grade", "Override Score", "Override Grade", "Override Status");
  /** The first cell of Canvas's row of maximum points. */
  static final String POINTS_POSSIBLE = "Points Possible";
  /** A Points Possible cell of a column Canvas's importer leaves alone. */
  static final String READ_ONLY = "(read only)";

  /**
   * What the LMS file holds and what it leaves out.
   *
   * @param csv the file's text
   * @param rows how many students it has a row for
   * @param unrostered graded folders without a roster entry (no row): their grades do not reach the LMS
   * @param withoutSubmission roster entries without a graded folder (no row)
   * @param ungraded students whose row has empty score cells because their grading is incomplete
   */
  public record Export(String csv, int rows, List<String> unrostered, List<Roster.Entry> withoutSubmission,
      List<String> ungraded) {}

  /**
   * Checks the total's column name.
   *
   * @throws IllegalArgumentException when it is empty, names another column, or is one Canvas would skip
   */
  public LmsGradebook {
    String name = assignment.strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException(
          "--assignment needs the name of the total's column, e.g. \"Logit Lab (4711)\"");
    }
    for (String skipped : lms == Lms.CANVAS ? CANVAS_NOT_ASSIGNMENTS : List.<String>of()) {
      if (name.contains(skipped)) {
        throw new IllegalArgumentException("--assignment '" + name + "': Canvas's import skips a column whose name "
            + "contains '" + skipped + "' (its read-only totals); give the assignment's column as Canvas's gradebook "
            + "export names it, e.g. \"Logit Lab (4711)\"");
      }
    }
    List<String> others = Stream.concat(roster.columns().stream(),
        Stream.of(Exercise.values()).map(e -> exerciseColumn(lms, e))).toList();
    if (others.stream().anyMatch(name::equalsIgnoreCase)) {
      throw new IllegalArgumentException("--assignment '" + name + "' is the name of another column of the "
          + lms.title() + " gradebook; choose another");
    }
    assignment = name;
  }

  /**
   * The header of exercise {@code e}'s column, in English whatever the language of the grading (one
   * header for a class; the importers match columns by name): Canvas reads {@code "... Current Points"}
   * as read-only.
   */
  static String exerciseColumn(Lms lms, Exercise e) {
    String name = e.label(Language.ENGLISH);
    return lms == Lms.CANVAS ? name + " Current Points" : name;
  }

  /** The LMS file beside the plain gradebook: {@code gradebook.csv} → {@code gradebook-canvas.csv}. */
  public Path fileBeside(Path gradebook) {
    String name = gradebook.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return gradebook.resolveSibling(base + "-" + lms.id() + (dot > 0 ? name.substring(dot) : ".csv"));
  }

  /**
   * The LMS file of {@code results}.
   *
   * @throws IllegalArgumentException when two results would be one roster entry's (names that differ
   *     only in case or in a {@code .zip} ending, from different runs)
   */
  public Export export(List<SubmissionResult> results) {
    Map<String, SubmissionResult> byFolder = new HashMap<>();
    for (SubmissionResult r : results) {
      SubmissionResult other = byFolder.put(Roster.key(r.student()), r);
      if (other != null) {
        throw new IllegalArgumentException("the results of '" + other.student() + "' and '" + r.student()
            + "' would be one roster entry's (names are compared without case): keep one of them and merge again");
      }
    }
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>(roster.columns());
    header.add(assignment);
    Stream.of(Exercise.values()).map(e -> exerciseColumn(lms, e)).forEach(header::add);
    line(csv, header);
    if (lms == Lms.CANVAS) {
      List<String> points = new ArrayList<>(List.of(POINTS_POSSIBLE));
      roster.columns().stream().skip(1).forEach(c -> points.add(""));
      points.add(results.stream().filter(SubmissionResult::graded).mapToDouble(SubmissionResult::maxScore).max()
          .stream().mapToObj(Gradebook::number).findFirst().orElse(""));
      Stream.of(Exercise.values()).forEach(e -> points.add(READ_ONLY));
      line(csv, points);
    }
    Set<String> rostered = new HashSet<>();
    List<Roster.Entry> withoutSubmission = new ArrayList<>();
    List<String> ungraded = new ArrayList<>();
    for (Roster.Entry entry : roster.entries()) {
      SubmissionResult r = entry.folder().isEmpty() ? null : byFolder.get(Roster.key(entry.folder()));
      if (r == null) {
        withoutSubmission.add(entry);
        continue;
      }
      rostered.add(Roster.key(r.student()));
      if (!r.graded()) {
        ungraded.add(r.student());
      }
      List<String> row = new ArrayList<>(entry.values());
      row.add(Gradebook.totalCell(r));
      Stream.of(Exercise.values()).forEach(e -> row.add(r.graded() ? Gradebook.exerciseCell(r, e) : ""));
      line(csv, row);
    }
    List<String> unrostered = results.stream().map(SubmissionResult::student)
        .filter(s -> !rostered.contains(Roster.key(s))).toList();
    return new Export(csv.toString(), rostered.size(), unrostered, withoutSubmission, ungraded);
  }

  /** Appends a CSV line; text cells are guarded, number cells have no character to guard. */
  private static void line(StringBuilder csv, List<String> cells) {
    csv.append(String.join(",", cells.stream().map(Gradebook::cell).toList())).append("\r\n");
  }
}
