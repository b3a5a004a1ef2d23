package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.ProgressBoard;

/**
 * The progress board speaks the student's language, whether the test run prints it (an IDE) or
 * {@link ProgressBoard#main} does after Surefire (the kit's build), and its columns line up in a
 * terminal in every language, where a Hangul syllable takes two columns.
 */
class ProgressBoardLanguageTest {

  @ParameterizedTest
  @EnumSource(Language.class)
  void theSkeletonsBoardSpeaksTheLanguageAndLinesUp(Language language) throws ClassNotFoundException {
    String board = PublicTestRun.runOnClassPath(language).board();

    List<String> lines = board.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.get(0)).isEqualTo(Bundles.text(language, "board.title"));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("  " + Bundles.text(language, "board.count", "done", 0, "total", Exercise.values().length));
    List<Integer> columns = new ArrayList<>();
    for (Exercise exercise : Exercise.values()) {
      String name = Bundles.in(language, exercise::toString);
      String row = lines.get(1 + exercise.ordinal());
      assertThat(row).as(board).startsWith("  [ -- ] " + name + " ");
      columns.add(detailColumn(row, name));
    }
    assertThat(columns).as("where each row's detail starts on screen:%n%s", board).containsOnly(columns.get(0));
    assertThat(lines.get(1)).endsWith(Bundles.text(language, "board.unfinished", "reading",
        Bundles.in(language, Exercise.SIGMOID::reading)));
    if (language == Language.KOREAN) {
      assertThat(Bundles.englishPhrases()).as("English phrases of ours on the board:%n%s", board)
          .noneMatch(board::contains);
    }
  }

  /**
   * The board as the kit's build prints it, in Korean: no test ran, and exercise 4's file does not
   * compile; {@code --check} then fails, in Korean.
   */
  @Test
  void theBuildsBoardAndItsCheckSpeakKorean(@TempDir Path dir) throws IOException {
    Path sources = dir.resolve("src");
    Path oneHot = sources.resolve(Exercise.ONE_HOT.sourceFile());
    Files.createDirectories(oneHot.getParent());
    Files.writeString(oneHot, "package org.logitlab.softmax;\n\npublic final class OneHot {\n  int broken =\n}\n");
    String[] args = {dir.resolve("rows.properties").toString(), sources.toString(),
        Files.createDirectories(dir.resolve("classes")).toString()};

    String board = Bundles.in(Language.KOREAN, () -> printed(args));

    List<String> lines = board.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(board).hasSize(Exercise.values().length + 2);
    assertThat(lines.get(0)).isEqualTo(Bundles.text(Language.KOREAN, "board.title"));
    List<Integer> columns = new ArrayList<>();
    for (Exercise exercise : Exercise.values()) {
      String name = Bundles.in(Language.KOREAN, exercise::toString);
      String row = lines.get(1 + exercise.ordinal());
      if (exercise == Exercise.ONE_HOT) {
        assertThat(row).startsWith("  [FAIL] " + name + " ");
        Matcher detail = Bundles.shape(Bundles.text(Language.KOREAN, "board.notCompiling", "error", Bundles.CAPTURED))
            .matcher(row);
        assertThat(detail.find()).as(row).isTrue();
        assertThat(detail.group(1)).startsWith("OneHot.java:");
      } else {
        assertThat(row).startsWith("  [    ] " + name + " ")
            .endsWith(" " + Bundles.text(Language.KOREAN, "board.notRun"));
      }
      columns.add(detailColumn(row, name));
    }
    assertThat(columns).as("where each row's detail starts on screen:%n%s", board).containsOnly(columns.get(0));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("  " + Bundles.text(Language.KOREAN, "board.count", "done", 0, "total", Exercise.values().length));
    assertThat(Bundles.englishPhrases()).as("English phrases of ours on the board:%n%s", board)
        .noneMatch(board::contains);

    String[] check = {args[0], args[1], args[2], "--check"};
    assertThatThrownBy(() -> Bundles.in(Language.KOREAN, () -> printed(check)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(Bundles.text(Language.KOREAN, "board.leftNotCompiling", "done", 0, "total", 7, "broken", 1));
  }

  /** What {@link ProgressBoard#main} prints with {@code args}. */
  private static String printed(String[] args) {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      ProgressBoard.main(args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      System.setOut(out);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  /**
   * The screen column where the detail after {@code name} starts in {@code row}: the name, then the
   * spaces that pad it, each Hangul syllable two columns wide.
   */
  private static int detailColumn(String row, String name) {
    int end = row.indexOf(name) + name.length();
    int spaces = 0;
    while (row.charAt(end + spaces) == ' ') {
      spaces++;
    }
    assertThat(spaces).as("spaces after the name in: %s", row).isPositive();
    return row.substring(0, end).codePoints().map(c -> c >= 0xAC00 && c <= 0xD7A3 ? 2 : 1).sum() + spaces;
  }
}
