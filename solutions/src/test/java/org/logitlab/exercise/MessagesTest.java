package org.logitlab.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagesTest {

  @AfterEach
  void backToEnglish() {
    System.setProperty(Language.PROPERTY, "en");
  }

  @Test
  void theLanguageIsTheSettingWhateverItsSpelling() {
    assertThat(Language.parse("ko", "x")).isEqualTo(Language.KOREAN);
    assertThat(Language.parse("ko_KR.UTF-8", "x")).isEqualTo(Language.KOREAN);
    assertThat(Language.parse(" EN-us ", "x")).isEqualTo(Language.ENGLISH);
    assertThatThrownBy(() -> Language.parse("fr", "the system property logitlab.lang")).hasMessage(
        "the system property logitlab.lang is 'fr': logit-lab speaks en (English) and ko (Korean)");
    System.setProperty(Language.PROPERTY, "ko");
    assertThat(Language.current()).isEqualTo(Language.KOREAN);
  }

  @Test
  void anUnfinishedExerciseSpeaksTheStudentsLanguage() {
    assertThat(Exercise.SIGMOID.unfinished()).hasMessage("Exercise 1 (sigmoid) is not done yet: write the body of "
        + "Sigmoid.apply(double). Read lessons/01-classification-and-sigmoid.md#exercise-1-a-stable-sigmoid, then run "
        + "its tests with: ./mvnw test -Dtest=Exercise1SigmoidTest");
    System.setProperty(Language.PROPERTY, "ko");
    assertThat(Exercise.SIGMOID.unfinished()).hasMessage("연습 1 (시그모이드)을(를) 아직 풀지 않았습니다: "
        + "Sigmoid.apply(double)의 본문을 작성하세요. lessons/ko/01-classification-and-sigmoid.md"
        + "#exercise-1-a-stable-sigmoid을 읽은 다음, 이 명령으로 테스트를 실행하세요: ./mvnw test -Dtest=Exercise1SigmoidTest");
    assertThat(Exercise.FIT.about("fit on 6 points")).isEqualTo(
        "연습 7 (학습 루프): fit on 6 points — lessons/ko/07-mnist-end-to-end.md#exercise-7-the-training-loop을 읽어 보세요");
  }

  @Test
  void aMessageTakesExactlyItsPlaceholders() {
    Messages messages = Messages.of(Exercise.MESSAGES, Language.ENGLISH);
    assertThat(messages.text("exercise.name", "number", 3, "title", "x")).isEqualTo("Exercise 3 (x)");
    assertThatThrownBy(() -> messages.text("exercise.name", "number", 3)).hasMessage(
        "exercise.name takes [number, title], given [number]");
    assertThatThrownBy(() -> messages.text("exercise.name", "number", 3, "title")).hasMessage(
        "exercise.name: placeholder names and values must come in pairs");
    assertThatThrownBy(() -> messages.text("no.such.key")).hasMessage(
        "org.logitlab.exercise.messages has no message 'no.such.key' in ENGLISH");
    assertThat(messages.text("exercise.name", "number", "$1", "title", "\\")).isEqualTo("Exercise $1 (\\)");
  }

  @Test
  void aTerminalGivesHangulTwoColumnsAndACombiningMarkNone() {
    assertThat(Messages.columns("Exercise 1 (sigmoid)")).isEqualTo(20);
    assertThat(Messages.columns("연습 1 (시그모이드)")).isEqualTo(19);
    assertThat(Messages.columns("e\u0301")).isEqualTo(1);
  }
}
