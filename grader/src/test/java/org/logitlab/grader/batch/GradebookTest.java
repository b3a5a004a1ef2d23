package org.logitlab.grader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;

/** The gradebook read back by a real CSV parser (Apache Commons CSV, RFC 4180), as a spreadsheet reads it. */
class GradebookTest {

  private static SubmissionResult graded(String student, double points) {
    TestOutcome test = new TestOutcome("t", "t", points > 0 ? TestOutcome.Status.PASSED : TestOutcome.Status.FAILED,
        "", false, 1, Map.of(), points, 10);
    ExerciseResult sigmoid = new ExerciseResult(Exercise.SIGMOID, ExerciseResult.Status.GRADED, "", points, 10,
        List.of(test), List.of(), 1);
    return new SubmissionResult(student, "/in/" + student, "ab", 7, "2026-12-04T00:00:00Z", points, 10,
        SubmissionResult.Status.COMPLETE, "", List.of(sigmoid), Map.of(), List.of(), "none", Language.ENGLISH, null);
  }

  private static List<CSVRecord> parsed(String csv) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
        .getRecords();
  }

  @Test
  void aNameASpreadsheetWouldRunAsAFormulaIsWrittenAsText() throws IOException {
    List<String> names = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-2+3", "@SUM(A1)",
        "\tTAB", "\rCR", "김민준 학생", "o'brien, jr.", "-");
    List<SubmissionResult> results = names.stream().map(n -> graded(n, 7.5)).toList();

    List<CSVRecord> rows = parsed(Gradebook.csv(results));

    assertThat(rows).extracting(r -> r.get("student")).containsExactly(
        "'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tTAB", "'\rCR", "김민준 학생",
        "o'brien, jr.", "'-");
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get("sigmoid")).isEqualTo("7.5");
      assertThat(r.get("total")).isEqualTo("7.5");
      assertThat(r.get("status")).isEqualTo("complete");
    });
  }
}
