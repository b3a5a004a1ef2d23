package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.GradingConfig;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.Texts;
import org.logitlab.grader.batch.ResultStore;
import org.logitlab.grader.cli.GraderMainAccess;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The class report on a class written out by hand, whose every figure the test knows: the counts,
 * the ranking of the checks and their causes, the MNIST figures, the lists of what could not be
 * graded; the page as its readers get it (well-formed, nothing fetched, the charts decodable PNGs and
 * loaded by a real browser); names escaped and, on request, left out; shards merged giving the same
 * report as the whole class; Korean results giving a Korean report.
 */
class ClassReportTest {

  private static final String SIGN_CHECK = "dw and db match the reference on random batches";
  private static final String GRADIENT_CHECK = "Gradient check of dw is not wrong";
  private static final String PRECISE_CHECK = "Gradient check of dw is right";

  /** A test of exercise 2 of the class: passed, or failed with the given cause (or none). */
  private static TestOutcome bce(String name, boolean passed, String cause) {
    Map<String, String> entries = cause == null ? Map.of() : Map.of(TestOutcome.CAUSE, cause);
    return new TestOutcome("bce/" + name, name, passed ? TestOutcome.Status.PASSED : TestOutcome.Status.FAILED,
        passed ? "" : "wrong", false, 5, entries, passed ? 5 : 0, 5);
  }

  /** The MNIST test: an accuracy (null when training was stopped) after {@code seconds} of training. */
  private static TestOutcome mnist(Double accuracy, double seconds) {
    Map<String, String> entries = new LinkedHashMap<>(Map.of(TestOutcome.MNIST_THRESHOLD, "0.9",
        TestOutcome.MNIST_BUDGET_SECONDS, "60", TestOutcome.MNIST_TRAINING_SECONDS, String.valueOf(seconds)));
    if (accuracy != null) {
      entries.put(TestOutcome.MNIST_ACCURACY, String.valueOf(accuracy));
    }
    boolean passed = accuracy != null && accuracy >= 0.9;
    return new TestOutcome("fit/mnist", "reaches the threshold on MNIST", passed ? TestOutcome.Status.PASSED
        : TestOutcome.Status.FAILED, passed ? "" : "too low", true, 1000, entries, passed ? 10 : 0, 10);
  }

  private static ExerciseResult exercise(Exercise e, TestOutcome... tests) {
    double score = 0;
    double max = 0;
    for (TestOutcome t : tests) {
      score += t.score();
      max += t.maxScore();
    }
    return new ExerciseResult(e, ExerciseResult.Status.GRADED, "", score, max, List.of(tests), List.of(), 10);
  }

  private static SubmissionResult student(String name, long millis, Language language, ExerciseResult... exercises) {
    double score = 0;
    double max = 0;
    for (ExerciseResult e : exercises) {
      score += e.score();
      max += e.maxScore();
    }
    return new SubmissionResult(name, "/in/" + name, "d", 7, "2026-12-05T0" + (millis % 10) + ":00:00Z", score, max,
        SubmissionResult.Status.COMPLETE, "", List.of(exercises), Map.of("total", millis), List.of(), "sandbox",
        language, GradingConfig.defaults());
  }

  /** A student of 25 points: exercise 2's three checks (15) and the MNIST part (10). */
  private static SubmissionResult student(String name, String signCause, boolean gradientRight, Double accuracy,
      double seconds, long millis) {
    return student(name, millis, Language.ENGLISH, exercise(Exercise.BCE_GRADIENT,
            bce(SIGN_CHECK, signCause == null, signCause), bce(GRADIENT_CHECK, signCause == null, signCause),
            bce(PRECISE_CHECK, gradientRight && signCause == null, null)),
        exercise(Exercise.FIT, mnist(accuracy, seconds)));
  }

  /**
   * Eight students: Ada and Ben right (25); Cy and Dot miss the 1/m and Eve has the sign wrong (each
   * fails all three checks of exercise 2), Cy's and Eve's networks stay below the threshold (0), Dot's
   * reaches it (10); Fay's gradient is imprecise (10) and her training was stopped at the budget; Gus's
   * zip could not be opened (0), Hal's grading failed (a grader error: no grade).
   */
  private static List<SubmissionResult> theClass() {
    List<SubmissionResult> all = new ArrayList<>(List.of(
        student("Ada Kim", null, true, 0.95, 20.5, 30_000),
        student("Ben Lee", null, true, 0.93, 24.0, 31_000),
        student("Cy Park", "MISSING_ONE_OVER_M", true, 0.87, 22.0, 32_000),
        student("Dot Choi", "MISSING_ONE_OVER_M", true, 0.91, 19.0, 33_000),
        student("Eve Jung", "SIGN", true, 0.62, 25.0, 34_000),
        student("Fay Kang", null, false, null, 60.3, 95_000)));
    all.add(new SubmissionResult("Gus Yoon", "/in/Gus Yoon.zip", "", 7, "2026-12-05T01:00:00Z", 0, 25,
        SubmissionResult.Status.UNREADABLE, "Gus Yoon.zip is not a zip file", List.of(), Map.of("total", 10L), List.of(),
        "sandbox", Language.ENGLISH, GradingConfig.defaults()));
    all.add(new SubmissionResult("Hal Lim", "/in/Hal Lim", "", 7, "2026-12-05T01:00:00Z", 25, 25,
        SubmissionResult.Status.INCOMPLETE, "grader error: the grading JVM of FIT did not start", List.of(),
        Map.of("total", 20L), List.of(), "sandbox", Language.ENGLISH, GradingConfig.defaults()));
    return all;
  }

  private static String html(List<SubmissionResult> results, boolean names) {
    return ClassReport.html(ClassReport.blocks(ClassSummary.of(results), Texts.of(Language.ENGLISH), names),
        Texts.of(Language.ENGLISH));
  }

  @Test
  void everyFigureOfTheClassIsOnThePage() throws Exception {
    String html = html(theClass(), true);
    String text = text(html);

    // 8 submissions; graded: the 6 complete and Gus (0 points); Hal has no grade.
    assertThat(text).contains("8 submission(s): 7 graded (1 of them could not be opened and score 0), 1 with no grade yet");
    // Totals out of 25: Ada 25, Ben 25, Cy 0, Dot 10, Eve 0, Fay 10, Gus 0: mean 70 / 7, median 10.
    assertThat(text).contains("Mean 10, median 10; 2 with full marks");
    // Exercise 2's checks ranked: the precise one failed by Cy, Dot, Eve and Fay (4 of 6), the other two
    // by Cy, Dot and Eve; causes only where the feedback named one.
    Matcher rows = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>").matcher(html);
    List<String> checkRows = new ArrayList<>();
    while (rows.find()) {
      if (rows.group(1).startsWith("Gradient check") || rows.group(1).startsWith("dw and db")) {
        checkRows.add(rows.group(1) + " | " + rows.group(2) + " | " + rows.group(3));
      }
    }
    assertThat(checkRows).containsExactly(
        PRECISE_CHECK + " | 4 of 6 | -",
        SIGN_CHECK + " | 3 of 6 | missing 1/m: 2; the sign (y − ŷ for ŷ − y): 1",
        GRADIENT_CHECK + " | 3 of 6 | missing 1/m: 2; the sign (y − ŷ for ŷ − y): 1");
    // MNIST: five finished (ada .95, ben .93, cy .87, dot .91, eve .62), three reached .9, fay stopped.
    assertThat(text).contains("5 network(s) finished training: 3 reached the threshold of 90.00 %, 2 did not; "
        + "1 training(s) were stopped at the time budget of 60 s; 0 grading(s) could not run it");
    assertThat(text).contains("Median 91.00 %, lowest 62.00 %, highest 95.00 %");
    // Training: 19, 20.5, 22, 24, 25 and Fay's 60.3 s.
    assertThat(text).contains("Median 23.0 s, longest 60.3 s");
    // Below half of 25, lowest first, then by name.
    assertThat(listAfter(html, "below half of the 25 points, lowest first:"))
        .containsExactly("Cy Park: 0", "Eve Jung: 0", "Gus Yoon: 0", "Dot Choi: 10", "Fay Kang: 10");
    assertThat(text).contains("Hal Lim: grader error: the grading JVM of FIT did not start",
        "Gus Yoon: Gus Yoon.zip is not a zip file");
    assertThat(text).contains("Seed of the random inputs: 7", "Isolation of the grading JVMs: sandbox (8 submission(s))",
        "longest 95.0 s (Fay Kang)");
    // The charts: the class, seven exercises (only two have results), MNIST accuracy and time.
    assertThat(chartIds(html)).containsExactly("scores", "exercise-2", "exercise-7", "mnist-accuracy", "mnist-time");
  }

  @Test
  void thePageIsWellFormedFetchesNothingAndItsChartsArePngs() throws Exception {
    String html = html(theClass(), true);
    Document page = parse(html);
    NodeList all = page.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      for (String attribute : List.of("src", "href")) {
        assertThat(e.getAttribute(attribute)).as("<%s %s>", e.getTagName(), attribute)
            .satisfiesAnyOf(v -> assertThat(v).isEmpty(), v -> assertThat(v).startsWith("data:image/png;base64,"));
      }
    }
    assertThat(page.getElementsByTagName("link").getLength()).isZero();
    NodeList images = page.getElementsByTagName("img");
    assertThat(images.getLength()).isEqualTo(5);
    for (int i = 0; i < images.getLength(); i++) {
      String src = ((Element) images.item(i)).getAttribute("src");
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder()
          .decode(src.substring("data:image/png;base64,".length()))));
      assertThat(png.getWidth()).isEqualTo(ClassCharts.WIDTH);
      assertThat(png.getHeight()).isEqualTo(ClassCharts.HEIGHT);
    }
    assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("en");
  }

  @Test
  void namesAreTextAndCanBeLeftOut() throws Exception {
    List<SubmissionResult> results = new ArrayList<>(theClass());
    String hostile = "<img src=x onerror=alert(1)> & \"Kim\" **bold**";
    results.set(2, student(hostile, "MISSING_ONE_OVER_M", true, 0.87, 22.0, 32_000));
    String html = html(results, true);
    assertThat(text(html)).contains(hostile + ": 0");
    assertThat(html).doesNotContain("<img src=x");
    String markdown = ClassReport.markdown(ClassReport.blocks(ClassSummary.of(results), Texts.of(Language.ENGLISH),
        true));
    assertThat(markdown).contains("\\<img src=x onerror=alert(1)\\> \\& \"Kim\" \\*\\*bold\\*\\*: 0");

    String anonymous = html(results, false);
    String anonymousMarkdown = ClassReport.markdown(ClassReport.blocks(ClassSummary.of(results),
        Texts.of(Language.ENGLISH), false));
    for (SubmissionResult r : results) {
      assertThat(anonymous).doesNotContain(ClassReport.xml(r.student()));
      assertThat(anonymousMarkdown).doesNotContain(MarkdownReport.escape(r.student()));
    }
    assertThat(text(anonymous)).contains("No student is named in this report.",
        "5 graded submission(s) scored below half of the 25 points.", "….zip is not a zip file",
        "longest 95.0 s Graded");
  }

  @Test
  void mergedShardsGiveTheReportOfTheWholeClass(@TempDir Path tmp) throws Exception {
    List<SubmissionResult> results = theClass();
    Path whole = tmp.resolve("whole");
    for (int i = 0; i < results.size(); i++) {
      SubmissionResult r = results.get(i);
      ResultStore.write(ResultStore.folder(whole, r.student()), r);
      ResultStore.write(ResultStore.folder(tmp.resolve(i % 2 == 0 ? "shard-1" : "shard-2"), r.student()), r);
    }
    Path one = Files.createDirectories(tmp.resolve("one"));
    ClassReport.write(ResultStore.readAll(List.of(whole)), one, Texts.of(Language.ENGLISH), true);

    int code = GraderMainAccess.run("merge", tmp.resolve("shard-2").toString(),
        tmp.resolve("shard-1").toString(), "--csv", tmp.resolve("merged/gradebook.csv").toString());
    assertThat(code).isEqualTo(3); // hal's grading is incomplete
    for (String file : List.of(ClassReport.HTML, ClassReport.MARKDOWN, "class-report/scores.png",
        "class-report/mnist-accuracy.png")) {
      assertThat(tmp.resolve("merged").resolve(file)).as(file).hasSameBinaryContentAs(one.resolve(file));
    }
  }

  @Test
  void oneStudentAndAThousandGiveTheirReports() throws Exception {
    String one = text(html(List.of(student("Ada Kim", null, true, 0.95, 20.5, 30_000)), true));
    assertThat(one).contains("1 submission(s): 1 graded", "Mean 25, median 25; 1 with full marks",
        "Bars (lower end: count): 22.5: 1.", "1 network(s) finished training: 1 reached");

    List<SubmissionResult> many = new ArrayList<>();
    int right = 0;
    for (int i = 0; i < 1000; i++) {
      String cause = i % 4 == 0 ? "MISSING_ONE_OVER_M" : i % 4 == 1 ? "SIGN" : null;
      right += cause == null ? 1 : 0;
      many.add(student(String.format("student %04d", i), cause, i % 3 != 0, 0.80 + (i % 20) / 100.0,
          10 + i % 50, 20_000 + i));
    }
    String html = html(many, true);
    String text = text(html);
    assertThat(text).contains("1000 submission(s): 1000 graded", "missing 1/m: 250; the sign (y − ŷ for ŷ − y): 250");
    assertThat(html).contains("<td>" + SIGN_CHECK + "</td><td>" + (1000 - right) + " of 1000</td>");
    // Accuracies 0.80 … 0.99, 50 each: 500 reach 0.9.
    assertThat(text).contains("1000 network(s) finished training: 500 reached the threshold of 90.00 %, 500 did not");
  }

  @Test
  void koreanResultsGiveAKoreanReport() throws Exception {
    List<SubmissionResult> korean = theClass().stream().map(r -> new SubmissionResult(r.student(), r.source(),
        r.digest(), r.seed(), r.gradedAt(), r.score(), r.maxScore(), r.status(), r.error(), r.exercises(),
        r.phaseMillis(), r.warnings(), r.isolation(), Language.KOREAN, r.config())).toList();
    Texts texts = Texts.of(Language.KOREAN);
    String html = ClassReport.html(ClassReport.blocks(ClassSummary.of(korean), texts, true), texts);
    assertThat(parse(html).getDocumentElement().getAttribute("lang")).isEqualTo("ko");
    assertThat(text(html)).contains("logit-lab 반 전체 채점 보고서", "제출물 8개: 채점 완료 7개", "1/m 누락: 2",
        "연습 2");
  }

  /**
   * The page in a real browser, with every host name unresolvable: each chart must decode. Skipped,
   * saying so, where Chromium is not installed.
   */
  @Test
  void everyChartLoadsInHeadlessChromiumWithNoNetwork(@TempDir Path tmp) throws Exception {
    Path chromium = List.of("chromium", "chromium-browser", "google-chrome").stream()
        .flatMap(name -> List.of("/usr/bin/" + name, "/usr/local/bin/" + name).stream()).map(Path::of)
        .filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(chromium != null,
        "Chromium is not installed (apt-get install chromium): the page was not opened in a browser");
    Path page = ClassReport.write(theClass(), tmp, Texts.of(Language.ENGLISH), true);
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + tmp.resolve("profile"), "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
        .redirectError(tmp.resolve("chromium.log").toFile()).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Matcher loaded = Pattern.compile("data-charts-loaded=\"(\\d+)\"").matcher(dom);
    assertThat(loaded.find()).as("the page's count of loaded charts, in the DOM Chromium printed:%n%s%n%s", dom,
        Files.readString(tmp.resolve("chromium.log"))).isTrue();
    assertThat(Integer.parseInt(loaded.group(1))).isEqualTo(5);
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  /** The page's text, as a reader sees it. */
  private static String text(String html) throws Exception {
    return parse(html).getDocumentElement().getTextContent().replaceAll("\\s+", " ");
  }

  private static List<String> chartIds(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("<img class=\"chart\" id=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /** The items of the list that follows the paragraph ending in {@code paragraph}. */
  private static List<String> listAfter(String html, String paragraph) throws Exception {
    int at = html.indexOf(ClassReport.xml(paragraph));
    assertThat(at).as("the paragraph '%s'", paragraph).isPositive();
    String list = html.substring(html.indexOf("<ul>", at), html.indexOf("</ul>", at));
    List<String> items = new ArrayList<>();
    Matcher m = Pattern.compile("<li>([^<]*)</li>").matcher(list);
    while (m.find()) {
      items.add(parse("<x>" + m.group(1) + "</x>").getDocumentElement().getTextContent());
    }
    return items;
  }
}
