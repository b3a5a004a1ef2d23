package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Korean edition ({@code lessons/ko/}) keeps parity with the English one ({@code lessons/}): the
 * same lessons, and in each the same sections in the same order under the same anchors (a Korean
 * heading carries its English anchor in an {@code <a name>} line), with the same formulas (after
 * normalising whitespace), code blocks, figures, links, inline code and worked numbers, section by
 * section. A lesson changed in one language and not the other fails here, naming the section.
 */
class LessonParityTest {

  static final Path ENGLISH = PublicTestRun.ROOT.resolve("lessons");
  static final Path KOREAN = ENGLISH.resolve("ko");

  static List<Path> englishLessons() throws IOException {
    try (Stream<Path> files = Files.list(ENGLISH)) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }

  @Test
  void theKoreanEditionHasEveryLessonAndNoOther() throws IOException {
    List<String> korean;
    try (Stream<Path> files = Files.list(KOREAN)) {
      korean = files.filter(p -> p.toString().endsWith(".md")).map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(korean).as("lessons/ko/ holds the Korean edition of each lesson, under the English file name")
        .containsExactlyElementsOf(englishLessons().stream().map(p -> p.getFileName().toString()).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("englishLessons")
  void everySectionSaysTheSameInBothLanguages(Path english) throws IOException {
    Path korean = KOREAN.resolve(english.getFileName());
    assertThat(korean).as("the Korean edition of %s", english.getFileName()).exists();
    assertThat(differences(english, korean)).as("lessons/ko/%s against lessons/%s", english.getFileName(),
        english.getFileName()).isEmpty();
  }

  @Test
  void aLessonChangedInOneLanguageOnlyFailsNamingTheSection(@TempDir Path dir) throws IOException {
    Path english = Files.writeString(Files.createDirectories(dir.resolve("lessons")).resolve("09-demo.md"), """
        # Lesson 9: Demo

        The cost is $J = \\frac{1}{m}$ after 1000 steps.

        ## Exercise 9: a demo

        ![A curve](figures/demo.png)

        ```sh
        ./mvnw test
        ```
        """);
    Path korean = Files.writeString(Files.createDirectories(dir.resolve("lessons/ko")).resolve("09-demo.md"), """
        <a name="lesson-9-demo"></a>

        # 9강: 데모

        1000 스텝 뒤의 비용은 $J = \\frac{1}{n}$ 이다.

        ## 연습 9: 데모

        ![곡선](../figures/demo.png)

        ```sh
        ./mvnw verify
        ```
        """);

    assertThat(differences(english, korean)).containsExactly(
        "the Korean heading of section 2 (## 연습-9-데모) has no <a name=\"…\"></a> line before it with its English "
            + "anchor",
        "the sections differ (level and anchor, in order): English [# lesson-9-demo, ## exercise-9-a-demo], Korean "
            + "[# lesson-9-demo, ## 연습-9-데모]");
    Files.writeString(korean, Files.readString(korean).replace("## 연습", "<a name=\"exercise-9-a-demo\"></a>\n\n## 연습"));
    assertThat(differences(english, korean)).containsExactly(
        "section #lesson-9-demo: formulas differ: English {J = \\frac{1}{m}=1}, Korean {J = \\frac{1}{n}=1}",
        "section #exercise-9-a-demo: code blocks differ: English [```sh\n./mvnw test\n```], Korean "
            + "[```sh\n./mvnw verify\n```]");
    Files.writeString(korean, Files.readString(korean).replace("../figures/demo.png", "figures/demo.png"));
    assertThat(differences(english, korean)).contains("section #exercise-9-a-demo: figures differ: English "
        + "[figures/demo.png], Korean [ko/figures/demo.png]");
  }

  /**
   * The kit's README in Korean ({@code README.ko.md}) says what the English one says: the same
   * sections, the same commands in the same order (the acceptance suite runs each one) and the same
   * exercise table, each pointing to its own language's lessons.
   */
  @Test
  void theKitReadmeSaysTheSameInBothLanguages() throws IOException {
    Path kit = PublicTestRun.ROOT.resolve("exercises/src/kit");
    String english = Files.readString(kit.resolve("README.md"));
    String korean = Files.readString(kit.resolve("README.ko.md"));
    assertThat(count(korean, "(?m)^#+ ")).as("headings").isEqualTo(count(english, "(?m)^#+ "));
    assertThat(all(korean, "(?ms)^```sh\\n.*?^```$")).as("the commands, in order")
        .isEqualTo(all(english, "(?ms)^```sh\\n.*?^```$"));
    assertThat(all(korean, "<a name=\"[^\"]+\">")).as("the anchors").isEqualTo(all(english, "<a name=\"[^\"]+\">"));
    assertThat(tableCode(korean.replace("lessons/ko/", "lessons/"))).as("the exercise table's code, cell by cell")
        .isEqualTo(tableCode(english));
    assertThat(english).contains("(README.ko.md)");
    assertThat(korean).contains("(README.md)");
  }

  private static List<String> all(String text, String regex) {
    return java.util.regex.Pattern.compile(regex).matcher(text).results().map(java.util.regex.MatchResult::group)
        .toList();
  }

  /** The code spans of each cell of the exercise table's rows (in any order within a cell, for word order). */
  private static List<List<List<String>>> tableCode(String readme) {
    return all(readme, "(?m)^\\| \\d .*$").stream()
        .map(row -> Stream.of(row.split("\\|")).map(cell -> all(cell, "`[^`]*`").stream().sorted().toList()).toList())
        .toList();
  }

  private static int count(String text, String regex) {
    return all(text, regex).size();
  }

  /** What differs between the two editions, one line per section and kind, in the order of the lesson. */
  static List<String> differences(Path english, Path korean) throws IOException {
    List<LessonSections.Section> en = LessonSections.parse(Files.readString(english)).sections();
    List<LessonSections.Section> ko = LessonSections.parse(Files.readString(korean)).sections();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < ko.size(); i++) {
      if (!ko.get(i).explicitAnchor()) {
        problems.add("the Korean heading of section " + (i + 1) + " (" + "#".repeat(ko.get(i).level()) + " "
            + ko.get(i).anchor() + ") has no <a name=\"…\"></a> line before it with its English anchor");
      }
    }
    List<String> enHeadings = en.stream().map(s -> "#".repeat(s.level()) + " " + s.anchor()).toList();
    List<String> koHeadings = ko.stream().map(s -> "#".repeat(s.level()) + " " + s.anchor()).toList();
    if (!enHeadings.equals(koHeadings)) {
      problems.add("the sections differ (level and anchor, in order): English " + enHeadings + ", Korean " + koHeadings);
      return problems;
    }
    for (int i = 0; i < en.size(); i++) {
      LessonSections.Section e = en.get(i);
      LessonSections.Section k = ko.get(i);
      String where = "section #" + e.anchor() + ": ";
      compare(problems, where + "formulas", e.formulas(), k.formulas());
      compare(problems, where + "code blocks", e.code(), k.code());
      compare(problems, where + "figures", targets(english, e.figures(), english), targets(korean, k.figures(), english));
      compare(problems, where + "links", targets(english, e.links(), english), targets(korean, k.links(), english));
      compare(problems, where + "inline code", e.inlineCode(), k.inlineCode());
      compare(problems, where + "worked numbers", e.numbers(), k.numbers());
    }
    return problems;
  }

  private static void compare(List<String> problems, String what, Object english, Object korean) {
    if (!Objects.equals(english, korean)) {
      problems.add(what + " differ: English " + english + ", Korean " + korean);
    }
  }

  /**
   * Where each link of {@code lesson} leads, as a path from the English lesson's folder, a Korean
   * lesson standing for its English one: from {@code ko/}, {@code 02-…md#x} and {@code ../figures/a.png}
   * lead where {@code 02-…md#x} and {@code figures/a.png} lead from the English lesson (but
   * {@code figures/a.png} from {@code ko/} leads to {@code ko/figures/a.png}, which is not the same).
   */
  private static List<String> targets(Path lesson, List<String> links, Path english) {
    Path englishFolder = english.toAbsolutePath().getParent();
    Path koreanFolder = englishFolder.resolve("ko");
    Function<String, String> resolve = link -> {
      if (link.matches("^[a-z]+:.*")) {
        return link;
      }
      int hash = link.indexOf('#');
      String path = hash < 0 ? link : link.substring(0, hash);
      String anchor = hash < 0 ? "" : link.substring(hash);
      Path target = path.isEmpty() ? lesson.toAbsolutePath() : lesson.toAbsolutePath().resolveSibling(path).normalize();
      if (target.getParent().equals(koreanFolder) && target.toString().endsWith(".md")) {
        target = englishFolder.resolve(koreanFolder.relativize(target));
      }
      return englishFolder.relativize(target).toString().replace('\\', '/') + anchor;
    };
    return links.stream().map(resolve).toList();
  }
}
