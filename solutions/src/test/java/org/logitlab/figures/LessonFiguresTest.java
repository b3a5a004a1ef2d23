package org.logitlab.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.data.MnistData;
import org.logitlab.data.MnistFixture;
import org.logitlab.lessons.LessonText;

/**
 * Runs the lesson-figure generator and checks it against the lessons: every figure a lesson embeds
 * ({@code ![...](figures/X.png)}) is written as a real PNG, nothing else is written, and a second run
 * gives the same bytes. The MNIST figures are checked when MNIST is on disk (always in CI).
 */
class LessonFiguresTest {

  private static final Pattern FIGURE = Pattern.compile("!\\[[^\\]]*\\]\\(figures/([^)\\s]+)\\)");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir
  static Path out;

  private static Path lessons;
  private static Map<String, Set<String>> figuresByLesson;
  private static boolean haveMnist;
  private static List<String> written;

  @BeforeAll
  static void drawEveryFigure() throws IOException {
    lessons = LessonText.root().resolve("lessons");
    figuresByLesson = figuresByLesson(lessons);
    Optional<MnistData> mnist = LessonFigures.findMnist(System.err);
    if (mnist.isEmpty() && "true".equals(System.getenv(MnistFixture.REQUIRE_MNIST))) {
      fail("MNIST is required (" + MnistFixture.REQUIRE_MNIST + "=true) but was not found: set MNIST_DIR");
    }
    haveMnist = mnist.isPresent();
    written = LessonFigures.write(out, mnist);
  }

  @Test
  void everyLessonEmbedsAtLeastOneFigure() {
    assertThat(figuresByLesson).hasSize(7);
    figuresByLesson.forEach((lesson, figures) -> assertThat(figures).as("figures of " + lesson).isNotEmpty());
  }

  @Test
  void everyFigureTheLessonsEmbedIsWrittenAsAValidPng() throws IOException {
    for (String name : referenced()) {
      if (!haveMnist && LessonFigures.MNIST_FIGURES.contains(name)) {
        assertThat(out.resolve(name)).as(name + " needs MNIST, which is absent").doesNotExist();
        continue;
      }
      Path file = out.resolve(name);
      assertThat(file).as(name).isRegularFile();
      byte[] bytes = Files.readAllBytes(file);
      assertThat(bytes.length).as("size of " + name).isGreaterThan(5_000).isLessThan(300_000);
      assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).as("PNG signature of " + name).isEqualTo(PNG_SIGNATURE);
      BufferedImage image = ImageIO.read(file.toFile());
      assertThat(image).as(name + " decodes").isNotNull();
      assertThat(image.getWidth()).as("width of " + name).isGreaterThanOrEqualTo(600);
      assertThat(image.getHeight()).as("height of " + name).isGreaterThanOrEqualTo(400);
      assertThat(distinctColours(image)).as("colours in " + name + " (not a blank image)").isGreaterThan(4);
    }
  }

  @Test
  void theGeneratorWritesExactlyTheFiguresTheLessonsEmbed() {
    Set<String> expected = new TreeSet<>(referenced());
    if (!haveMnist) {
      expected.removeAll(LessonFigures.MNIST_FIGURES);
    }
    assertThat(new TreeSet<>(written)).isEqualTo(expected);
  }

  @Test
  void withoutMnistOnlyTheMnistFiguresAreSkippedAndARerunGivesTheSameBytes(@TempDir Path again) throws IOException {
    List<String> withoutMnist = LessonFigures.write(again, Optional.empty());

    List<String> expected = new ArrayList<>(written);
    expected.removeAll(LessonFigures.MNIST_FIGURES);
    assertThat(withoutMnist).containsExactlyElementsOf(expected);
    for (String mnistFigure : LessonFigures.MNIST_FIGURES) {
      assertThat(again.resolve(mnistFigure)).doesNotExist();
    }
    for (String name : withoutMnist) {
      assertThat(Files.readAllBytes(again.resolve(name))).as(name + " is the same on a rerun")
          .isEqualTo(Files.readAllBytes(out.resolve(name)));
    }
  }

  @Test
  void everyFigureTheLessonsEmbedIsCommitted() {
    for (String name : referenced()) {
      assertThat(lessons.resolve("figures").resolve(name))
          .as("lessons/figures/" + name + " (regenerate with: ./mvnw -B -q -pl solutions test-compile "
              + "exec:java@lesson-figures)")
          .isRegularFile();
    }
  }

  private static Set<String> referenced() {
    Set<String> all = new TreeSet<>();
    figuresByLesson.values().forEach(all::addAll);
    return all;
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new TreeSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  /** The figures each lesson embeds, by lesson file name. */
  private static Map<String, Set<String>> figuresByLesson(Path lessons) throws IOException {
    Map<String, Set<String>> figures = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(lessons)) {
      files = list.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.md")).sorted().toList();
    }
    for (Path file : files) {
      Set<String> names = new TreeSet<>();
      Matcher m = FIGURE.matcher(Files.readString(file));
      while (m.find()) {
        names.add(m.group(1));
      }
      figures.put(file.getFileName().toString(), names);
    }
    return figures;
  }
}
