package org.logitlab.exercise.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.tools.SkeletonGenerator;

/**
 * The lessons and the exercises name each other, and everything a lesson names exists: every
 * exercise has its lesson section, method and test command there; every {@code Class.method(} of
 * ours, every exercise test, every link, image and anchor in a lesson is real.
 */
class LessonsCheckTest {

  private static final Path LESSONS = PublicTestRun.ROOT.resolve("lessons");
  private static final Path KOREAN = LESSONS.resolve("ko");
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE_CALL = Pattern.compile("`[^`]*?\\b([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)\\(");
  private static final Pattern TEST_CLASS = Pattern.compile("\\bExercise\\d+[A-Za-z]*Test\\b");
  private static final Pattern EXERCISE_NUMBER = Pattern.compile("\\bExercise (\\d+)\\b");

  private static final Map<String, Class<?>> OUR_CLASSES = new HashMap<>();
  private static List<Path> lessons;
  /** The English lessons and their Korean edition. */
  private static List<Path> bothEditions;

  @BeforeAll
  static void findLessonsAndClasses() throws IOException, ClassNotFoundException {
    try (Stream<Path> files = Files.list(LESSONS)) {
      lessons = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    bothEditions = new ArrayList<>(lessons);
    if (Files.isDirectory(KOREAN)) {
      try (Stream<Path> files = Files.list(KOREAN)) {
        files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(bothEditions::add);
      }
    }
    try (Stream<Path> files = Files.walk(PublicTestRun.REFERENCE_SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String name = PublicTestRun.REFERENCE_SOURCES.relativize(file).toString()
            .replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.java$", "");
        Class<?> type = Class.forName(name);
        OUR_CLASSES.put(type.getSimpleName(), type);
        for (Class<?> nested : type.getDeclaredClasses()) {
          OUR_CLASSES.put(nested.getSimpleName(), nested);
        }
      }
    }
  }

  @Test
  void thereIsALessonPerTopic() {
    assertThat(lessons).hasSize(7);
  }

  /** Where each exercise sends a student to read, in either language, is a heading of that language's lesson. */
  @ParameterizedTest
  @EnumSource(Exercise.class)
  void eachExerciseHasItsLessonSectionMethodAndTestCommand(Exercise exercise) throws IOException {
    for (Language language : Language.values()) {
      String[] reading = exercise.reading(language).split("#", 2);
      Path lesson = PublicTestRun.ROOT.resolve(reading[0]);
      assertThat(lesson).as("the %s lesson of %s", language, exercise).exists();
      String text = Files.readString(lesson);
      assertThat(anchors(text)).as("headings of %s", reading[0]).contains(reading[1]);
      assertThat(text).as("%s names the exercise's method and its test command", reading[0])
          .contains("`" + exercise.method() + "`", "./mvnw test -Dtest=" + exercise.testClass());
    }
    assertThat(Files.readString(LESSONS.resolve(exercise.lesson()))).contains("Exercise " + exercise.number());
    assertThat(Files.readString(KOREAN.resolve(exercise.lesson()))).contains("연습 " + exercise.number());
  }

  @Test
  void eachExerciseFileNamesItsLessonInBothLanguages(@TempDir Path skeleton) throws IOException {
    Map<Exercise, Path> files = SkeletonGenerator.generate(PublicTestRun.REFERENCE_SOURCES, skeleton,
        EnumSet.noneOf(Exercise.class));
    for (Exercise exercise : Exercise.values()) {
      assertThat(skeleton.resolve(files.get(exercise).toString())).content()
          .as("%s in %s", exercise, files.get(exercise))
          .contains(exercise.reading(Language.ENGLISH), exercise.reading(Language.KOREAN));
    }
  }

  @Test
  void everyLessonNamesAnExerciseAndShowsAFigure() throws IOException {
    for (Path lesson : lessons) {
      String text = Files.readString(lesson);
      assertThat(EXERCISE_NUMBER.matcher(text).find()).as("%s names an exercise", lesson.getFileName()).isTrue();
      assertThat(LessonSections.IMAGE.matcher(text).find()).as("%s shows a figure", lesson.getFileName()).isTrue();
    }
  }

  @Test
  void everythingALessonNamesExists() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> testClasses = new HashSet<>();
    for (Exercise e : Exercise.values()) {
      testClasses.add(e.testClass());
    }
    for (Path lesson : bothEditions) {
      String name = LESSONS.relativize(lesson).toString();
      String text = Files.readString(lesson);
      Matcher link = LINK.matcher(text);
      while (link.find()) {
        String problem = checkLink(lesson, link.group(1));
        if (problem != null) {
          problems.add(name + ": " + problem);
        }
      }
      Matcher call = CODE_CALL.matcher(text);
      while (call.find()) {
        Class<?> type = OUR_CLASSES.get(call.group(1));
        if (type != null && !hasPublicMethod(type, call.group(2))) {
          problems.add(name + ": " + call.group(1) + "." + call.group(2) + "( names no public method of " + type.getName());
        }
      }
      Matcher test = TEST_CLASS.matcher(text);
      while (test.find()) {
        if (!testClasses.contains(test.group())) {
          problems.add(name + ": " + test.group() + " is not a public test class");
        }
      }
      Matcher number = EXERCISE_NUMBER.matcher(text);
      while (number.find()) {
        int n = Integer.parseInt(number.group(1));
        if (n < 1 || n > Exercise.values().length) {
          problems.add(name + ": there is no Exercise " + n);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void mathDelimitersAreBalancedSoThatGitHubRendersTheFormulas() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path lesson : bothEditions) {
      String prose = prose(Files.readString(lesson));
      String[] display = prose.split("\\$\\$", -1);
      if (display.length % 2 == 0) {
        problems.add(LESSONS.relativize(lesson) + ": an odd number of $$");
        continue;
      }
      for (int i = 0; i < display.length; i += 2) {
        for (String paragraph : display[i].split("\n\\s*\n")) {
          long dollars = paragraph.replace("\\$", "").chars().filter(c -> c == '$').count();
          if (dollars % 2 != 0) {
            problems.add(LESSONS.relativize(lesson) + ": an unclosed $ in: " + paragraph.strip());
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * GitHub renders a Markdown file's Markdown first and its math afterwards, so Markdown's rules apply
   * inside formulas (GitHub's own documentation of math offers the {@code $`…`$} form for formulas
   * "that overlap with markdown syntax"): a backslash before punctuation is an escape ({@code \,}
   * comes out as {@code ,}, {@code \{} as <code>{</code>), and underscores or stars may pair up into
   * emphasis, also across two formulas. Each formula must come out of a CommonMark renderer (GitHub's
   * Markdown is CommonMark with extensions) exactly as it went in.
   */
  @Test
  void everyFormulaSurvivesMarkdownBeforeMath() throws IOException {
    List<org.commonmark.Extension> tables = List.of(org.commonmark.ext.gfm.tables.TablesExtension.create());
    org.commonmark.parser.Parser parser = org.commonmark.parser.Parser.builder().extensions(tables).build();
    org.commonmark.renderer.html.HtmlRenderer html =
        org.commonmark.renderer.html.HtmlRenderer.builder().extensions(tables).build();
    List<String> problems = new ArrayList<>();
    for (Path lesson : bothEditions) {
      String source = Files.readString(lesson);
      String rendered = textOf(html.render(parser.parse(source)));
      for (String formula : formulas(source)) {
        if (!rendered.contains(formula)) {
          String alone = textOf(html.render(parser.parse(formula))).strip();
          problems.add(LESSONS.relativize(lesson) + ": " + formula + " reaches the math renderer as "
              + (alone.equals(formula) ? "broken emphasis across formulas (an _ or * in it pairs with another)"
                  : alone));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * GitHub renders {@code $…$} as math only where a dollar stands apart from the words around it: the
   * opening dollar after a space or at the start of a line (not after {@code (}, {@code *} or a
   * letter), the closing one not followed by a letter or digit, Korean letters included
   * (github/markup#1742, "math doesn't render if surrounded by certain characters"). A formula that
   * must touch its neighbours is written {@code $`…`$}, which may follow anything but a letter.
   */
  @Test
  void inlineMathStandsWhereGitHubRendersIt() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path lesson : bothEditions) {
      String prose = prose(Files.readString(lesson)).replaceAll("(?s)\\$\\$.+?\\$\\$", " ");
      Matcher m = INLINE_MATH.matcher(prose);
      while (m.find()) {
        char before = m.start() == 0 ? '\n' : prose.charAt(m.start() - 1);
        char after = m.end() == prose.length() ? '\n' : prose.charAt(m.end());
        if (!Character.isWhitespace(before) || Character.isLetterOrDigit(after)) {
          String context = prose.substring(Math.max(0, m.start() - 12), Math.min(prose.length(), m.end() + 12));
          problems.add(LESSONS.relativize(lesson) + ": " + m.group() + " in \"" + context.replace('\n', ' ') + "\": "
              + (Character.isWhitespace(before) ? "a letter or digit right after it (put a space before a particle)"
                  : "no space before it (write $`…`$ there)"));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static final Pattern INLINE_MATH = Pattern.compile("(?<![\\\\$])\\$[^$\n]+?\\$");

  /**
   * A lesson's prose: code blocks, inline code and {@code $`…`$} formulas (code spans to Markdown, so
   * they reach the math renderer whole) taken out.
   */
  static String prose(String markdown) {
    return markdown.replaceAll("(?s)```.*?```", "").replaceAll("\\$`[^`\n]+`\\$", " ").replaceAll("`[^`\n]*`", "");
  }

  /** The {@code $…$} and {@code $$…$$} formulas of a lesson, with their delimiters, outside code. */
  static List<String> formulas(String markdown) {
    String prose = prose(markdown);
    List<String> formulas = new ArrayList<>();
    Matcher m = Pattern.compile("(?s)\\$\\$.+?\\$\\$|(?<!\\\\)\\$[^$\n]+?\\$").matcher(prose);
    while (m.find()) {
      formulas.add(m.group());
    }
    return formulas;
  }

  /** The text of rendered HTML: tags dropped, entities decoded. */
  private static String textOf(String html) {
    return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&");
  }

  private static String checkLink(Path lesson, String target) throws IOException {
    if (target.matches("^[a-z]+:.*")) {
      return null;
    }
    String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
    String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
    Path file = path.isEmpty() ? lesson : lesson.resolveSibling(path).normalize();
    if (!Files.exists(file)) {
      return target + " does not exist";
    }
    if (!file.startsWith(LESSONS) && !file.equals(PublicTestRun.ROOT.resolve("README.md"))) {
      return target + " leaves lessons/ (the student kit has only lessons/ and README.md)";
    }
    if (anchor != null && !anchors(Files.readString(file)).contains(anchor)) {
      return target + ": no heading has the anchor #" + anchor;
    }
    return null;
  }

  private static boolean hasPublicMethod(Class<?> type, String method) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(method) && Modifier.isPublic(m.getModifiers())) {
        return true;
      }
    }
    return false;
  }

  /** The anchors of a lesson's sections (GitHub's heading anchors, or the {@code <a name>} before a heading). */
  static Set<String> anchors(String markdown) {
    return LessonSections.parse(markdown).sections().stream().map(LessonSections.Section::anchor)
        .collect(Collectors.toSet());
  }
}
