package org.logitlab.grader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;

/**
 * The LMS gradebooks read back by a real CSV parser (Apache Commons CSV, RFC 4180) and fed to the
 * importers' own rules ({@link LmsImports}), for synthetic results of known scores. The contracts:
 *
 * <ul>
 *   <li>Canvas: {@code instructure/canvas-lms} {@code lib/gradebook_importer.rb} (which columns are the
 *       student's, which are assignments, how "Title (ID)" is matched, the Points Possible row, read-only
 *       columns) and {@code lib/gradebook_exporter.rb} (the header Canvas itself writes: Student, ID, SIS
 *       User ID, SIS Login ID, Section, the assignments, "... Current Points" read-only totals); the
 *       guides "Import CSV File for Carmen Grades" (Ohio State,
 *       https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades:
 *       Student, ID, SIS User ID, SIS Login ID, Section required; "new assignment columns in the Gradebook
 *       generate new assignments") and "Gradebook Action Menu" (VCU,
 *       https://ts.vcu.edu/askit/teaching-and-learning/canvas/faculty/grading-faculty/gradebook-action-menu-faculty/:
 *       read-only columns are ignored on import).
 *   <li>Moodle: {@code moodle/moodle} {@code grade/import/csv/classes/load_data.php} (a column mapped to
 *       userid, username, useridnumber or useremail finds the user; '' and '-' are no grade; an unknown
 *       user stops the import) and {@code grade/import/grade_import_form.php} (every other column maps to
 *       Ignore, a grade item, a new grade item or feedback, Ignore first); {@code lib/csvlib.class.php}
 *       drops a byte order mark.
 * </ul>
 */
class LmsGradebookTest {

  @TempDir
  Path tmp;

  /** Points of the seven exercises, as grading.json gives them. */
  private static final double[] MAX = {10, 15, 10, 10, 15, 15, 25};
  private static final String KOREAN = "김민준 학생";

  private static SubmissionResult result(String student, double... points) {
    List<ExerciseResult> exercises = new ArrayList<>();
    for (Exercise e : Exercise.values()) {
      double p = points[e.ordinal()];
      TestOutcome test = new TestOutcome("t", "t", p > 0 ? TestOutcome.Status.PASSED : TestOutcome.Status.FAILED, "",
          false, 1, Map.of(), p, MAX[e.ordinal()]);
      exercises.add(new ExerciseResult(e, ExerciseResult.Status.GRADED, "", p, MAX[e.ordinal()], List.of(test),
          List.of(), 1));
    }
    double score = exercises.stream().mapToDouble(ExerciseResult::score).sum();
    return new SubmissionResult(student, "/in/" + student, "ab", 7, "2026-12-04T00:00:00Z", score, 100,
        SubmissionResult.Status.COMPLETE, "", exercises, Map.of(), List.of(), "none", Language.ENGLISH, null);
  }

  /** A grader fault on exercise 7, after six graded exercises: no grade. */
  private static SubmissionResult incomplete(String student) {
    SubmissionResult graded = result(student, 10, 15, 10, 10, 15, 15, 0);
    List<ExerciseResult> exercises = new ArrayList<>(graded.exercises().subList(0, 6));
    exercises.add(new ExerciseResult(Exercise.FIT, ExerciseResult.Status.GRADER_ERROR, "its JVM did not start", 0, 25,
        List.of(), List.of(), 1));
    return new SubmissionResult(student, "/in/" + student, "ab", 7, "2026-12-04T00:00:00Z", 75, 100,
        SubmissionResult.Status.INCOMPLETE, "grader error: its JVM did not start", exercises, Map.of(), List.of(),
        "none", Language.ENGLISH, null);
  }

  /**
   * A class: alice 87.5; 김민준 학생 100, whose zip was made on macOS (the name decomposed, NFD); a folder
   * named as a formula, 40; carol, whose grading is incomplete; erin, 60, who is not on the roster.
   */
  private static final List<SubmissionResult> CLASS = List.of(
      result("alice", 10, 15, 10, 10, 15, 15, 12.5),
      result(Normalizer.normalize(KOREAN, Normalizer.Form.NFD), 10, 15, 10, 10, 15, 15, 25),
      result("=HYPERLINK(\"http://evil.example\")", 10, 0, 10, 0, 15, 5, 0),
      incomplete("carol"),
      result("erin", 10, 15, 10, 10, 15, 0, 0));

  /** The roster, in Canvas's export's columns, the Korean folder typed as a zip and composed (NFC). */
  private static final String CANVAS_ROSTER = """
      folder,Student,ID,SIS User ID,SIS Login ID,Section
      alice,"Park, Alice",101,S001,alice,Section A
      %s.zip,"Kim, Minjun",102,S002,minjun,Section A
      "=HYPERLINK(""http://evil.example"")","=cmd|' /C calc'!A0",103,S003,evil,Section B
      dana,"Lee, Dana",104,S004,dana,Section B
      Carol,"Choi, Carol",105,S005,carol,Section B
      """.formatted(KOREAN);

  private static final String MOODLE_ROSTER = """
      folder,Student,email
      alice,Park Alice,alice@example.edu
      %s,Kim Minjun,minjun@example.edu
      "=HYPERLINK(""http://evil.example"")",Evil,evil@example.edu
      carol,Choi Carol,carol@example.edu
      dana,Lee Dana,dana@example.edu
      """.formatted(KOREAN);

  private Roster roster(String text, Lms lms) throws IOException {
    return Roster.read(Files.writeString(tmp.resolve("roster.csv"), text, StandardCharsets.UTF_8), lms);
  }

  private static List<List<String>> rows(String csv) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(csv))) {
      rows.add(r.toList());
    }
    return rows;
  }

  private static final List<String> EXERCISE_COLUMNS = List.of("Exercise 1 (sigmoid)", "Exercise 2 (BCE derivative)",
      "Exercise 3 (softmax)", "Exercise 4 (one-hot)", "Exercise 5 (output-layer backprop)",
      "Exercise 6 (hidden-layer backprop)", "Exercise 7 (fit)");

  @Test
  void canvasReadsTheTotalIntoTheNamedAssignmentAndNothingElse() throws IOException {
    LmsGradebook gradebook = new LmsGradebook(Lms.CANVAS, roster(CANVAS_ROSTER, Lms.CANVAS), "Logit Lab (4711)");

    List<List<String>> rows = rows(gradebook.export(CLASS).csv());

    List<String> header = new ArrayList<>(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section",
        "Logit Lab (4711)"));
    EXERCISE_COLUMNS.forEach(e -> header.add(e + " Current Points"));
    assertThat(rows.get(0)).containsExactlyElementsOf(header);
    assertThat(rows.get(1)).containsExactly("Points Possible", "", "", "", "", "100", "(read only)", "(read only)",
        "(read only)", "(read only)", "(read only)", "(read only)", "(read only)");
    LmsImports.Canvas.Import imported = LmsImports.Canvas.read(rows);
    // One assignment, matched by its id: no column becomes a new assignment.
    assertThat(imported.assignments()).containsExactly(
        new LmsImports.Canvas.Assignment("Logit Lab", Optional.of(4711L), 5, "100"));
    assertThat(imported.students()).extracting(s -> s.name() + " | " + s.id() + " | " + s.sisUserId() + " | "
        + s.sisLoginId() + " | " + s.grades().get("Logit Lab (4711)")).containsExactly(
        "Park, Alice | 101 | S001 | alice | 87.5",
        "Kim, Minjun | 102 | S002 | minjun | 100",
        "'=cmd|' /C calc'!A0 | 103 | S003 | evil | 40",
        "Choi, Carol | 105 | S005 | carol | ");
    assertThat(rows.get(2).subList(6, 13)).containsExactly("10", "15", "10", "10", "15", "15", "12.5");
    assertThat(rows.get(5).subList(5, 13)).as("incomplete: no score anywhere").allMatch(String::isEmpty);
  }

  @Test
  void whatTheLmsFileLeavesOutIsListedNeverDroppedSilently() throws IOException {
    LmsGradebook.Export export = new LmsGradebook(Lms.CANVAS, roster(CANVAS_ROSTER, Lms.CANVAS), "logit-lab")
        .export(CLASS);

    assertThat(export.rows()).isEqualTo(4);
    assertThat(export.unrostered()).containsExactly("erin");
    assertThat(export.withoutSubmission()).extracting(Roster.Entry::describe).containsExactly("Lee, Dana (line 5)");
    assertThat(export.ungraded()).containsExactly("carol");
    // The plain gradebook keeps every graded student, erin too.
    assertThat(Gradebook.csv(CLASS)).contains("\r\nerin,10,15,10,10,15,0,0,60,100,complete,");
  }

  @Test
  void moodleReadsEachStudentByTheMappedColumnAndCreatesNothingUnmapped() throws IOException {
    LmsGradebook gradebook = new LmsGradebook(Lms.MOODLE, roster(MOODLE_ROSTER, Lms.MOODLE), "logit-lab");

    List<List<String>> rows = rows(gradebook.export(CLASS).csv());

    List<String> header = new ArrayList<>(List.of("email", "logit-lab"));
    header.addAll(EXERCISE_COLUMNS);
    assertThat(rows.get(0)).containsExactlyElementsOf(header);
    List<String> users = List.of("alice@example.edu", "minjun@example.edu", "evil@example.edu", "carol@example.edu");
    assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0)).containsExactlyElementsOf(users);
    LmsImports.Moodle.Import imported = LmsImports.Moodle.read(rows, "email", users,
        Map.of("logit-lab", "Logit Lab", "Exercise 7 (fit)", "Training loop"));
    assertThat(imported.error()).isEmpty();
    Map<String, Double> total = new java.util.LinkedHashMap<>();
    total.put("alice@example.edu", 87.5);
    total.put("minjun@example.edu", 100.0);
    total.put("evil@example.edu", 40.0);
    total.put("carol@example.edu", null);
    assertThat(imported.grades().get("Logit Lab")).containsExactlyEntriesOf(total);
    assertThat(imported.grades().get("Training loop")).containsEntry("alice@example.edu", 12.5)
        .containsEntry("carol@example.edu", null);
  }

  @Test
  void aRowWithoutItsStudentWouldGiveMoodleGradesToTheStudentAbove() throws IOException {
    // Why an unmatched folder gets no row: Moodle keeps the previous line's student for an empty identity.
    List<List<String>> rows = rows("email,logit-lab\r\nalice@example.edu,87.5\r\n,60\r\n");
    LmsImports.Moodle.Import imported = LmsImports.Moodle.read(rows, "email", List.of("alice@example.edu"),
        Map.of("logit-lab", "Logit Lab"));
    assertThat(imported.grades().get("Logit Lab")).containsExactlyEntriesOf(Map.of("alice@example.edu", 60.0));
  }

  @Test
  void theTotalColumnIsCheckedAgainstWhatCanvasWouldSkip() throws IOException {
    Roster canvas = roster(CANVAS_ROSTER, Lms.CANVAS);
    assertThatThrownBy(() -> new LmsGradebook(Lms.CANVAS, canvas, "Logit Lab Final Score"))
        .hasMessageContaining("Canvas's import skips a column whose name contains 'Final Score'");
    assertThatThrownBy(() -> new LmsGradebook(Lms.CANVAS, canvas, "SIS Login ID"))
        .hasMessageContaining("is the name of another column of the Canvas gradebook");
    assertThatThrownBy(() -> new LmsGradebook(Lms.MOODLE, roster(MOODLE_ROSTER, Lms.MOODLE), "  "))
        .hasMessageContaining("--assignment needs the name of the total's column");
    assertThat(new LmsGradebook(Lms.MOODLE, roster(MOODLE_ROSTER, Lms.MOODLE), "Final Score").assignment())
        .isEqualTo("Final Score");
  }

  @Test
  void theLmsFileGoesBesideThePlainGradebook() throws IOException {
    LmsGradebook canvas = new LmsGradebook(Lms.CANVAS, roster(CANVAS_ROSTER, Lms.CANVAS), "logit-lab");
    assertThat(canvas.fileBeside(Path.of("results", "gradebook.csv"))).isEqualTo(Path.of("results", "gradebook-canvas.csv"));
    assertThat(canvas.fileBeside(Path.of("class"))).isEqualTo(Path.of("class-canvas.csv"));
  }

  @Test
  void aByteOrderMarkIsWrittenOnlyWhenAskedAndTheHeaderReadsTheSame() throws IOException {
    String csv = new LmsGradebook(Lms.CANVAS, roster(CANVAS_ROSTER, Lms.CANVAS), "logit-lab").export(CLASS).csv();
    Path with = tmp.resolve("with.csv");
    Path without = tmp.resolve("without.csv");
    Gradebook.write(with, csv, true);
    Gradebook.write(without, csv, false);

    assertThat(Files.readAllBytes(with)).startsWith(0xEF, 0xBB, 0xBF).endsWith(Files.readAllBytes(without));
    assertThat(Files.readAllBytes(without)).startsWith("Student,".getBytes(StandardCharsets.UTF_8));
    // Canvas looks for "Student" inside the first cell, so the mark does not hide the header from it.
    String read = Files.readString(with, StandardCharsets.UTF_8);
    assertThat(LmsImports.Canvas.read(rows(read)).assignments()).extracting(LmsImports.Canvas.Assignment::title)
        .containsExactly("logit-lab");
  }

  // ---- the roster ----------------------------------------------------------------------------

  @Test
  void aRosterSavedByExcelReadsTheSame() throws IOException {
    Roster plain = roster(CANVAS_ROSTER, Lms.CANVAS);
    Roster excel = roster("\uFEFF" + CANVAS_ROSTER.replace("\n", "\r\n").replace("folder,Student", "Folder, student")
        + ",,,,,\r\n", Lms.CANVAS);

    assertThat(excel.entries()).isEqualTo(plain.entries());
    assertThat(plain.columns()).containsExactly("Student", "ID", "SIS User ID", "SIS Login ID", "Section");
    assertThat(plain.entries().get(1)).isEqualTo(new Roster.Entry(KOREAN + ".zip",
        List.of("Kim, Minjun", "102", "S002", "minjun", "Section A"), 3));
  }

  @Test
  void aCanvasRosterMayHaveOnlyOneKindOfId() throws IOException {
    Roster roster = roster("folder,Student,SIS Login ID\nalice,Alice,alice\n", Lms.CANVAS);
    assertThat(roster.entries().get(0).values()).containsExactly("Alice", "", "", "alice", "");
  }

  @Test
  void aBadRosterIsRefusedNamingTheLine() throws IOException {
    Map<String, List<String>> bad = new java.util.LinkedHashMap<>();
    bad.put("Student,ID\nAlice,101\n", List.of("line 1: the header is [Student, ID]", "folder, Student and ID"));
    bad.put("folder,Student,Section\nalice,Alice,A\n", List.of("line 1", "Student and ID (or SIS User ID or SIS Login ID)"));
    bad.put("folder,Student,ID\nalice,Alice,101\n\n\"bob\nsmith\",Bob,\nzoe,Zoe,103\n",
        List.of("line 4: no ID for 'bob\nsmith': Canvas finds a student by it", "delete the line if it is not a student"));
    bad.put("folder,Student,ID\nalice,Alice,101\nAlice.zip,Alice again,102\n",
        List.of("line 3: the folder 'Alice.zip' is also on line 2 (folders are compared without case and without .zip)"));
    bad.put("folder,Student,ID\nalice,Alice,101\nbob,Bob,101\n", List.of("line 3: the ID '101' is also on line 2"));
    bad.put("folder,Student,ID\nalice,Alice,alice@example.edu\n",
        List.of("line 2: ID 'alice@example.edu' is not a Canvas user ID", "SIS Login ID"));
    bad.put("folder,Student,ID,id\nalice,Alice,101,101\n", List.of("line 1: two columns are named 'id'"));
    bad.put("", List.of("is empty", "A roster for Canvas has a header row with folder"));
    for (Map.Entry<String, List<String>> roster : bad.entrySet()) {
      assertThatThrownBy(() -> roster(roster.getKey(), Lms.CANVAS)).as(roster.getKey())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(tmp.resolve("roster.csv").toString())
          .hasMessageContainingAll(roster.getValue().toArray(String[]::new));
    }
    assertThatThrownBy(() -> roster("folder,email,username\nalice,a@example.edu,alice\n", Lms.MOODLE))
        .hasMessageContaining("folder and one of username, email, idnumber or userid");
    assertThatThrownBy(() -> roster("folder,email\nalice,a@example.edu\nbob,A@example.edu\n", Lms.MOODLE))
        .hasMessageContaining("line 3: the email 'A@example.edu' is also on line 2");
    Path latin = Files.write(tmp.resolve("cp949.csv"), "folder,email\n\uAE40,k@x\n".getBytes("MS949"));
    assertThatThrownBy(() -> Roster.read(latin, Lms.MOODLE)).hasMessageContaining("is not UTF-8 text: save it as");
    assertThatThrownBy(() -> Roster.read(tmp.resolve("missing.csv"), Lms.MOODLE))
        .hasMessageContaining("--roster " + tmp.resolve("missing.csv") + ": no such file");
  }

  @Test
  void anEntryWithoutAFolderIsAStudentWithoutASubmission() throws IOException {
    Roster roster = roster("folder,email\n,dana@example.edu\nalice,alice@example.edu\n", Lms.MOODLE);
    LmsGradebook.Export export = new LmsGradebook(Lms.MOODLE, roster, "logit-lab").export(CLASS);
    assertThat(export.withoutSubmission()).extracting(Roster.Entry::describe).containsExactly("dana@example.edu (line 2)");
    assertThat(export.rows()).isEqualTo(1);
  }

  @Test
  void twoResultsThatWouldBeOneRosterEntrysAreRefused() throws IOException {
    LmsGradebook gradebook = new LmsGradebook(Lms.MOODLE, roster(MOODLE_ROSTER, Lms.MOODLE), "logit-lab");
    assertThatThrownBy(() -> gradebook.export(List.of(result("Alice", MAX), result("alice", MAX))))
        .hasMessageContaining("the results of 'Alice' and 'alice' would be one roster entry's");
  }
}
