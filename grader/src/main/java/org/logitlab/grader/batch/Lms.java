package org.logitlab.grader.batch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A learning management system whose gradebook import the grader writes a file for
 * ({@link LmsGradebook}), with the identity columns by which that import finds a student.
 */
public enum Lms {

  /**
   * Canvas's gradebook import ({@code instructure/canvas-lms}, {@code lib/gradebook_importer.rb}): a header
   * that starts {@code Student}, {@code ID} and ends its student columns with {@code Section}, with
   * {@code SIS User ID} and {@code SIS Login ID} between, as Canvas's own export writes them
   * ({@code lib/gradebook_exporter.rb}); a student is found by {@code ID}, else by an SIS ID, else by name.
   */
  CANVAS("Canvas", List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section"),
      List.of("ID", "SIS User ID", "SIS Login ID")),

  /**
   * Moodle's CSV grade import ({@code moodle/moodle}, {@code grade/import/csv/classes/load_data.php}): one
   * column that the teacher maps to a user field ("Map from" / "Map to": {@code userid},
   * {@code username}, {@code useridnumber} or {@code useremail}), which the roster names by the
   * field it holds.
   */
  MOODLE("Moodle", List.of(), List.of("username", "email", "idnumber", "userid"));

  private final String title;
  private final List<String> columns;
  private final List<String> keys;

  Lms(String title, List<String> columns, List<String> keys) {
    this.title = title;
    this.columns = columns;
    this.keys = keys;
  }

  /** {@code --gradebook}'s value: {@code canvas} or {@code moodle}. */
  public static Lms parse(String name) {
    return Arrays.stream(values()).filter(lms -> lms.name().equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "--gradebook takes canvas, moodle or plain; got '" + name + "'"));
  }

  /** The LMS's name, e.g. "Canvas". */
  public String title() {
    return title;
  }

  /** What {@code --gradebook} calls it, and the ending of its file: {@code canvas}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The identity columns of the LMS file, in order: Canvas's five student columns, whatever the roster
   * has of them; for Moodle none are fixed (the roster's one key column is written).
   */
  List<String> columns() {
    return columns;
  }

  /** The roster columns that identify a student: every entry needs one, and no two entries one value. */
  List<String> keys() {
    return keys;
  }
}
