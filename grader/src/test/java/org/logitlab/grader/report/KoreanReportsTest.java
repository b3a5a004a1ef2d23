package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.batch.Gradebook;

/**
 * A submission graded in Korean: every report speaks Korean, and what machines read of it (JSON keys,
 * statuses, scores, the XML's elements and counts) is what the English reports write.
 */
class KoreanReportsTest {

  /** The sample grade, graded in {@code language}. */
  private static SubmissionResult in(SubmissionResult r, Language language) {
    return new SubmissionResult(r.student(), r.source(), r.digest(), r.seed(), r.gradedAt(), r.score(), r.maxScore(),
        r.status(), r.error(), r.exercises(), r.phaseMillis(), r.warnings(), r.isolation(), language, r.config());
  }

  private static final SubmissionResult KOREAN = in(SampleResults.complete(), Language.KOREAN);

  @Test
  void theConsoleTableIsKoreanAndAlignedForATerminal() {
    String text = ConsoleReport.render(KOREAN);

    assertThat(text).startsWith("logit-lab: alice: 66.25 / 100점\n").contains("연습 1 (시그모이드)", "통과",
        "연습 3 (소프트맥스)", "컴파일 실패", "파일 없음", "시간 초과", "합계", "2/2, 1개 건너뜀",
        "MNIST 테스트 정확도: 95.12 %", "시드 12345: 같은 무작위 입력으로 다시 채점하려면 --seed 12345을(를) 주세요",
        "소요 시간: 압축 해제 0.1 s, 컴파일 1.2 s, 실행 30.5 s, 합계 31.8 s")
        .doesNotContain("Exercise 1 (sigmoid)", "passed", "Total", "Seed", "Timings", "Warning");
    // The points column ends in the same terminal cell on every row, Hangul taking two cells.
    List<Integer> ends = new ArrayList<>();
    Pattern points = Pattern.compile("^(.*? / \\d+)  ");
    for (String line : text.lines().filter(l -> (l.startsWith("연습 ") || l.startsWith("합계")) && l.contains(" / ")).toList()) {
      Matcher m = points.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      ends.add(Messages.columns(m.group(1)));
    }
    assertThat(ends).hasSize(8).containsOnly(ends.get(0));
  }

  @Test
  void summaryMdIsKorean() {
    String md = MarkdownReport.render(KOREAN);

    assertThat(md).startsWith("# logit-lab: alice: 66.25 / 100점\n\n")
        .contains("| 연습 | 상태 | 점수 | 통과한 테스트 |", "| **합계** | | **66.25 / 100** |",
            "내 신경망의 MNIST 테스트 정확도: **95.12 %**", "## 연습 2 (BCE 미분): 11.25 / 15", "테스트 1개가 실패했습니다:",
            "**컴파일 실패:** Softmax.java does not compile", "컴파일 오류:\n\n", "## 경고", "## 다시 실행",
            "## 소요 시간", "## 격리")
        .contains(Exercise.BCE_GRADIENT.reading(Language.KOREAN) + "을(를) 읽고 "
            + "BinaryCrossEntropy.gradient(double\\[\\]\\[\\], double\\[\\], double\\[\\])을(를) 작성하세요.")
        .doesNotContain("Exercise 1 (sigmoid)", "Warnings", "Replay", "Read ");
  }

  @Test
  void gradescopeKeepsItsFieldsAndStatusesAndSpeaksKoreanInItsTexts() {
    GradingConfig.Gradescope shown = GradingConfig.defaults().gradescope();
    JsonObject english = GradescopeReport.toJson(SampleResults.complete(), shown);
    JsonObject korean = GradescopeReport.toJson(KOREAN, shown);

    assertThat(shape(korean)).isEqualTo(shape(english));
    assertThat(korean.get("score")).isEqualTo(english.get("score"));
    assertThat(korean.get("output").getAsString()).contains("66.25 / 100점", "MNIST 테스트 정확도: 95.12 %", "경고: ");
    JsonArray tests = korean.getAsJsonArray("tests");
    for (int i = 0; i < tests.size(); i++) {
      JsonObject test = tests.get(i).getAsJsonObject();
      JsonObject same = english.getAsJsonArray("tests").get(i).getAsJsonObject();
      assertThat(test.get("status")).isEqualTo(same.get("status"));
      assertThat(test.get("number")).isEqualTo(same.get("number"));
      assertThat(test.get("score")).isEqualTo(same.get("score"));
      assertThat(test.get("name").getAsString()).startsWith("연습 ");
    }
    assertThat(korean.getAsJsonArray("leaderboard").get(0).getAsJsonObject().get("name").getAsString())
        .isEqualTo("MNIST 정확도");
  }

  @Test
  void classroomKeepsItsFormatAndSpeaksKoreanInItsNamesAndMessages() {
    JsonObject english = ClassroomReport.toJson(SampleResults.complete());
    JsonObject korean = ClassroomReport.toJson(KOREAN);

    assertThat(shape(korean)).isEqualTo(shape(english));
    assertThat(korean.get("status")).isEqualTo(english.get("status"));
    assertThat(korean.get("max_score")).isEqualTo(english.get("max_score"));
    JsonObject bce = korean.getAsJsonArray("tests").get(1).getAsJsonObject();
    assertThat(bce.get("name").getAsString()).isEqualTo("연습 2 (BCE 미분)");
    assertThat(bce.get("status").getAsString()).isEqualTo("fail");
    assertThat(bce.get("message").getAsString()).startsWith("11.25 / 15점: ").endsWith("을(를) 읽어 보세요");
  }

  @Test
  void junitXmlKeepsItsElementsAndCountsAndNamesItsSuitesInKorean() {
    String english = JUnitXmlReport.render(SampleResults.complete());
    String korean = JUnitXmlReport.render(KOREAN);

    assertThat(elements(korean)).isEqualTo(elements(english));
    assertThat(korean).contains("<testsuite name=\"연습 3 (소프트맥스)\"", "type=\"DOES_NOT_COMPILE\"",
        "<testcase classname=\"연습 3 (소프트맥스)\" name=\"컴파일 실패\"");
    Matcher counts = Pattern.compile("tests=\"\\d+\" failures=\"\\d+\" errors=\"\\d+\" skipped=\"\\d+\"").matcher(english);
    while (counts.find()) {
      assertThat(korean).contains(counts.group());
    }
  }

  @Test
  void theGradebookStatusIsKoreanAndItsColumnsAreNot() {
    String csv = Gradebook.csv(List.of(KOREAN));

    assertThat(csv).startsWith("student,sigmoid,bce_gradient,softmax,one_hot,output_backprop,hidden_backprop,fit,"
        + "total,max,status,mnist_accuracy,seed,digest\r\n");
    assertThat(Gradebook.status(KOREAN)).isEqualTo("완료; softmax 컴파일 실패; one_hot 파일 없음; hidden_backprop 시간 초과");
    assertThat(Gradebook.status(SampleResults.complete()))
        .isEqualTo("complete; softmax does not compile; one_hot missing; hidden_backprop timed out");
  }

  /** The keys of a JSON object, and of the objects in its arrays, as one text. */
  private static String shape(JsonElement json) {
    if (json.isJsonObject()) {
      StringBuilder s = new StringBuilder("{");
      json.getAsJsonObject().entrySet().forEach(e -> s.append(e.getKey()).append(':').append(shape(e.getValue()))
          .append(','));
      return s.append('}').toString();
    }
    if (json.isJsonArray()) {
      StringBuilder s = new StringBuilder("[");
      json.getAsJsonArray().forEach(e -> s.append(shape(e)).append(','));
      return s.append(']').toString();
    }
    return "";
  }

  /** The XML's element names and attribute names in order, without their values and text. */
  private static String elements(String xml) {
    return xml.replaceAll("=\"[^\"]*\"", "").replaceAll(">[^<]*<", "><");
  }
}
