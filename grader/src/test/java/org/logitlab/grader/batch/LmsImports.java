package org.logitlab.grader.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the LMS gradebook imports do with a CSV file's cells, reproduced from their source, so that a
 * test can feed the grader's file to them. Only what decides which column is what, which student a row
 * is, and which value a grade gets is reproduced; the database look-ups are maps.
 */
final class LmsImports {

  private LmsImports() {}

  /**
   * Canvas's gradebook import, {@code instructure/canvas-lms} {@code lib/gradebook_importer.rb} (commit
   * 00b222d77ee43d046e6aee0347c4ed5b27e1741f):
   *
   * <ul>
   *   <li>{@code row_has_student_headers?}: more than 3 cells, the first containing "Student" and the
   *       second "ID", else "Invalid header row";
   *   <li>{@code update_column_count}: 3 student columns ({@code Student, ID, Section}); 4 when the third
   *       matches {@code SIS\s+Login\s+ID}; 5 when the third and fourth match {@code SIS\s+User\s+ID} and
   *       {@code SIS\s+Login\s+ID} (one more for {@code Integration ID}, one more for {@code Root Account});
   *       the last student column must contain "Section";
   *   <li>{@code strip_non_assignment_columns}: the student columns, and every column whose header
   *       contains one of {@code NON_ASSIGNMENT_COLUMN_HEADERS} ("Current Score", "Current Points", ...),
   *       are no assignments; every other column is one ({@code parse_assignments}): {@code "Title (123)"}
   *       is matched by id ({@code Assignment.title_and_id}, {@code \A(.*)\s\((\d+)\)\z}), anything else
   *       by its exact title, else it becomes a new assignment;
   *   <li>{@code check_for_non_student_row}: a row whose first cell contains "Points Possible" gives the
   *       assignments' points (a cell matching {@code read\s+only} makes the column read-only); a row of
   *       blank or "Muted" cells is skipped; every other row is a student, found by {@code ID} (the second
   *       cell), else by SIS User ID or SIS Login ID, else by name ({@code process_student});
   *   <li>{@code process_submissions}: the grade is the stripped cell; blank and {@code "-"} are no score
   *       ({@code no_score?}).
   * </ul>
   */
  static final class Canvas {

    static final List<String> NON_ASSIGNMENT_COLUMN_HEADERS = List.of("Current Score", "Current Points",
        "Current Grade", "Final Score", "Final Points", "Final Grade", "Override Score", "Override Grade",
        "Override Status");
    private static final Pattern TITLE_AND_ID = Pattern.compile("\\A(.*)\\s\\((\\d+)\\)\\z", Pattern.DOTALL);

    /** An assignment column: its title and id ({@code id} empty: matched by title or created). */
    record Assignment(String title, Optional<Long> id, int column, String pointsPossible) {}

    /** A student row: how Canvas finds the student, and the grade of each assignment by title. */
    record Student(String name, String id, String sisUserId, String sisLoginId, Map<String, String> grades) {}

    /** What an import of the file would change. */
    record Import(List<Assignment> assignments, List<Student> students) {}

    private Canvas() {}

    /** Reads {@code rows} (the header first) as Canvas's importer does. */
    static Import read(List<List<String>> rows) {
      List<String> header = rows.get(0);
      if (!(header.size() > 3 && header.get(0).contains("Student") && header.get(1).contains("ID"))) {
        throw new IllegalStateException("Invalid header row");
      }
      int studentColumns = 3;
      int sisUser = -1;
      int sisLogin = -1;
      if (header.get(2).matches("(?s).*SIS\\s+Login\\s+ID.*")) {
        sisLogin = 2;
        studentColumns = 4;
      } else if (header.get(2).matches("(?s).*SIS\\s+User\\s+ID.*") && header.get(3).matches("(?s).*SIS\\s+Login\\s+ID.*")) {
        int integration = header.size() > 4 && header.get(4).matches("(?s).*Integration\\s+ID.*") ? 1 : 0;
        sisUser = 2;
        sisLogin = 3;
        studentColumns += 2 + integration;
        if (header.size() > 4 + integration && header.get(4 + integration).matches("(?s).*Root\\s+Account.*")) {
          studentColumns++;
        }
      }
      if (!header.get(studentColumns - 1).contains("Section")) {
        throw new IllegalStateException("Invalid header row");
      }
      List<Integer> assignmentColumns = new ArrayList<>();
      for (int i = studentColumns; i < header.size(); i++) {
        String name = header.get(i);
        if (NON_ASSIGNMENT_COLUMN_HEADERS.stream().noneMatch(name::contains)) {
          assignmentColumns.add(i);
        }
      }
      List<String> pointsPossible = List.of();
      List<Student> students = new ArrayList<>();
      for (List<String> row : rows.subList(1, rows.size())) {
        if (row.get(0).contains("Points Possible")) {
          pointsPossible = row;
          continue;
        }
        if (row.stream().allMatch(c -> c.matches("(?is)\\s*(Muted|Manual Posting.*)?\\s*"))) {
          continue;
        }
        Map<String, String> grades = new LinkedHashMap<>();
        for (int column : assignmentColumns) {
          grades.put(header.get(column), column < row.size() ? row.get(column).strip() : "");
        }
        students.add(new Student(row.get(0), row.get(1), sisUser < 0 ? "" : row.get(sisUser),
            sisLogin < 0 ? "" : row.get(sisLogin), grades));
      }
      List<Assignment> assignments = new ArrayList<>();
      for (int column : assignmentColumns) {
        Matcher m = TITLE_AND_ID.matcher(header.get(column));
        String points = column < pointsPossible.size() ? pointsPossible.get(column) : "";
        if (points.matches("(?s).*read\\s+only.*")) {
          continue; // readonly_assignment?: left out of the import
        }
        assignments.add(m.matches() ? new Assignment(m.group(1), Optional.of(Long.parseLong(m.group(2))), column, points)
            : new Assignment(header.get(column), Optional.empty(), column, points));
      }
      return new Import(assignments, students);
    }
  }

  /**
   * Moodle's CSV grade import, {@code moodle/moodle} {@code grade/import/csv/classes/load_data.php}
   * (commit 162f42f0dae3758c9e9b9973749b0a7cd28d9312), {@code prepare_import_grade_data} and
   * {@code map_user_data_with_value}, with the mapping the teacher chose on the form of
   * {@code grade/import/grade_import_form.php}: "Map from" a column, "Map to" a user field
   * ({@code userid}, {@code username}, {@code useridnumber}, {@code useremail}); each other column
   * "Ignore" (the default), a grade item, a new grade item or feedback.
   *
   * <ul>
   *   <li>a line of at most one cell is skipped; each value is trimmed;
   *   <li>the identity cell, when not empty, must name an existing user, else the whole import stops
   *       ({@code usermappingerror}); when empty the student of the line before is kept (the student id
   *       is not reset between lines);
   *   <li>a grade cell {@code ''} or {@code '-'} is "no grade" (null); anything else must be a number
   *       ({@code unformat_float}), else the whole import stops ({@code badgrade});
   *   <li>a line without any student stops the whole import ({@code usermappingerrorusernotfound}).
   * </ul>
   */
  static final class Moodle {

    /** The grades the import would set, item by user (a null grade is "no grade"), or why it stopped. */
    record Import(Map<String, Map<String, Double>> grades, Optional<String> error) {}

    private Moodle() {}

    /**
     * Imports {@code rows} (the header first) with the identity column {@code mapFrom} looked up in
     * {@code users} (the user field's values) and the columns of {@code items} (header → grade item).
     */
    static Import read(List<List<String>> rows, String mapFrom, List<String> users, Map<String, String> items) {
      List<String> header = rows.get(0).stream().map(String::trim).toList();
      int identity = header.indexOf(mapFrom);
      Map<String, Map<String, Double>> grades = new LinkedHashMap<>();
      String student = null;
      for (List<String> line : rows.subList(1, rows.size())) {
        if (line.size() <= 1) {
          continue;
        }
        Map<String, Double> lineGrades = new LinkedHashMap<>();
        for (int key = 0; key < line.size(); key++) {
          String value = line.get(key).trim();
          if (key == identity) {
            if (!value.isEmpty()) {
              if (!users.contains(value)) {
                return new Import(grades, Optional.of("usermappingerror: " + value));
              }
              student = value;
            }
          } else if (items.containsKey(header.get(key))) {
            if (value.isEmpty() || value.equals("-")) {
              lineGrades.put(items.get(header.get(key)), null);
            } else if (value.matches("-?\\d+([.,]\\d+)?")) {
              lineGrades.put(items.get(header.get(key)), Double.parseDouble(value.replace(',', '.')));
            } else {
              return new Import(grades, Optional.of("badgrade: " + value));
            }
          }
        }
        if (student == null) {
          return new Import(grades, Optional.of("usermappingerrorusernotfound"));
        }
        for (Map.Entry<String, Double> grade : lineGrades.entrySet()) {
          grades.computeIfAbsent(grade.getKey(), k -> new LinkedHashMap<>()).put(student, grade.getValue());
        }
      }
      return new Import(grades, Optional.empty());
    }
  }
}
