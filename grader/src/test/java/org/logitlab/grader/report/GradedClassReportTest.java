package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.grader.Texts;
import org.logitlab.grader.Submissions;
import org.logitlab.grader.batch.ResultStore;
import org.logitlab.grader.cli.GraderMainAccess;
import org.logitlab.grader.hidden.HiddenSuitesMutantTest;

/**
 * The class report of a class graded for real: the reference, the
 * untouched skeleton, four of the lessons' classic mistakes (the missing {@code 1/m} and the sign in
 * the BCE gradient, {@code dW2} not divided by {@code m}, the naive sigmoid), {@code dZ2 = Y − A2}
 * under a Korean name, and an archive the grader cannot open, graded by {@code grade-all} as an
 * instructor runs it. Every number on the page is checked against the gradebook the same run wrote,
 * and the mistakes against the ones put in.
 *
 * <p>It runs with {@code ./mvnw -B -q -pl grader -am test -Pclass-report-example} (the README's command,
 * which the acceptance suite runs), and then also copies the report into {@code grader/docs/class-report/},
 * the example the README shows.
 */
@Tag("class-report")
class GradedClassReportTest {

  private static final String EXAMPLE = "logitlab.classReport.example";

  @TempDir
  static Path tmp;
  private static Path out;
  private static int exitCode;
  private static String page;
  private static List<CSVRecord> gradebook;

  @BeforeAll
  static void gradeTheClass() throws IOException, URISyntaxException {
    boolean mnist = Submissions.mnist().isPresent();
    if (!mnist && "true".equals(System.getenv("LOGITLAB_REQUIRE_MNIST"))) {
      throw new IllegalStateException("MNIST_DIR is required in CI (LOGITLAB_REQUIRE_MNIST=true)");
    }
    Assumptions.assumeTrue(mnist, "no MNIST on this machine (set MNIST_DIR): a class cannot be graded whole");
    Path folder = Files.createDirectories(tmp.resolve("class"));
    Submissions.reference(folder.resolve("ada"));
    Submissions.skeleton(folder.resolve("cy"));
    mutant(folder.resolve("dot"), "the BCE gradient summed over the batch, not averaged (the missing 1/m)");
    mutant(folder.resolve("eve"), "a sign error in the BCE gradient");
    mutant(folder.resolve("fay"), "dW2 not divided by m");
    mutant(folder.resolve("gus"), "the naive sigmoid 1 / (1 + e^(−z)) for every z, which overflows to 0 below z ≈ −709.8");
    mutant(folder.resolve("김민준"), "dZ2 = Y − A2, the lectures' convention, with our step θ ← θ − α·dθ");
    Files.write(folder.resolve("hal.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
    out = tmp.resolve("results");
    Path config = Path.of(GradedClassReportTest.class.getResource("/fast-grading.json").toURI());
    exitCode = GraderMainAccess.run("grade-all", folder.toString(), "--out", out.toString(), "--seed", "2026",
        "--jobs", "2", "--config", config.toString());
    page = Files.readString(out.resolve(ClassReport.HTML), StandardCharsets.UTF_8);
    try (Reader reader = Files.newBufferedReader(out.resolve("gradebook.csv"), StandardCharsets.UTF_8)) {
      gradebook = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)
          .getRecords();
    }
    if ("true".equals(System.getProperty(EXAMPLE))) {
      writeExample();
    }
  }

  private static void mutant(Path dir, String name) throws IOException {
    HiddenSuitesMutantTest.mutant(name).applyTo(Submissions.reference(dir));
  }

  @Test
  void theClassWasGradedWhole() {
    assertThat(exitCode).isZero();
    assertThat(gradebook).hasSize(8);
    assertThat(gradebook).allSatisfy(r -> assertThat(r.get("status")).matches("complete|unreadable: .*"));
  }

  @Test
  void theScoresAreTheGradebooks() throws Exception {
    String text = text(page);
    List<Double> totals = gradebook.stream().map(r -> Double.parseDouble(r.get("total"))).toList();
    double max = Double.parseDouble(gradebook.get(0).get("max"));
    long unreadable = gradebook.stream().filter(r -> r.get("status").startsWith("unreadable")).count();
    assertThat(text).contains(totals.size() + " submission(s): " + totals.size() + " graded (" + unreadable
        + " of them could not be opened and score 0), 0 with no grade yet");
    assertThat(text).contains("Mean " + ReportFormat.points(mean(totals)) + ", median "
        + ReportFormat.points(median(totals)) + "; " + totals.stream().filter(t -> t >= max - 1e-9).count()
        + " with full marks");
    assertThat(bars("The class's totals")).isEqualTo(histogram(totals, max));

    for (Exercise e : Exercise.values()) {
      String column = e.name().toLowerCase(Locale.ROOT);
      List<Double> scores = gradebook.stream().map(r -> r.get(column)).filter(c -> !c.isEmpty())
          .map(Double::parseDouble).toList();
      List<Double> points = gradebook.stream().filter(r -> r.get("status").startsWith("complete"))
          .map(r -> Double.parseDouble(r.get(column))).toList();
      double exerciseMax = points.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      String label = Texts.of(Language.ENGLISH).exercise(e);
      assertThat(row(label)).as(label).containsExactly(label, ReportFormat.points(exerciseMax),
          ReportFormat.points(mean(scores)), ReportFormat.points(median(scores)),
          scores.stream().filter(s -> s >= exerciseMax - 1e-9).count() + " / " + scores.size(), "-");
      assertThat(bars(label + ": how many")).as(label).isEqualTo(histogram(scores, exerciseMax));
    }
  }

  @Test
  void theMnistFiguresAreTheGradebooks() throws Exception {
    String text = text(page);
    List<Double> accuracies = gradebook.stream().map(r -> r.get("mnist_accuracy")).filter(c -> !c.isEmpty())
        .map(Double::parseDouble).sorted().toList();
    long reached = accuracies.stream().filter(a -> a >= 0.9).count();
    assertThat(text).contains(accuracies.size() + " network(s) finished training: " + reached
        + " reached the threshold of 90.00 %, " + (accuracies.size() - reached) + " did not; 0 training(s) were stopped");
    assertThat(text).contains(String.format(Locale.ROOT, "Median %.2f %%, lowest %.2f %%, highest %.2f %%",
        100 * median(accuracies), 100 * accuracies.get(0), 100 * accuracies.get(accuracies.size() - 1)));
    // Every network that finished training was timed (the skeleton's fit threw at once: no time).
    Map<String, Integer> trained = bars("How long each student's training took");
    assertThat(trained.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(accuracies.size());
    Map<String, Integer> accuracyBars = bars("The test accuracy of every network");
    assertThat(accuracyBars.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(accuracies.size());
  }

  @Test
  void theChecksTheClassFailedNameTheMistakesPutIn() {
    // Seven submissions ran every hidden suite; the skeleton (cy) fails every check, with no mistake
    // recognized. Dot's missing 1/m and Eve's sign, in exercise 2.
    String bce = "dw and db match the reference on random batches (1 to 12 samples, 1 to 6 features)";
    assertThat(row(bce)).containsExactly(bce, "3 of 7", "missing 1/m: 1; the sign (y − ŷ for ŷ − y): 1");
    // 김민준's dZ2 = Y − A2, which turns dW2 around too, and Fay's dW2 without 1/m.
    assertThat(row("dZ2 = A2 − Y on random batches")).containsExactly("dZ2 = A2 − Y on random batches", "2 of 7",
        "the sign (y − ŷ for ŷ − y): 1");
    String dW2 = "dW2 and db2 match the reference on random batches (2 to 8 samples)";
    assertThat(row(dW2)).containsExactly(dW2, "3 of 7", "missing 1/m: 1; the sign (y − ŷ for ŷ − y): 1");
    // Gus's naive sigmoid fails in the far tail, a mistake with no fingerprint of a ratio.
    String tail = "σ(z) stays positive and exact to a few subnormal steps in the far tail, −745 ≤ z ≤ −700";
    assertThat(row(tail)).containsExactly(tail, "2 of 7", "-");
    // Below half: the skeleton and the archive that could not be opened, which is listed with its reason.
    assertThat(page).contains("<li>cy: 0</li>", "<li>hal: 0</li>");
    assertThat(page).containsPattern("<li>hal: [^<]*hal\\.tar\\.gz[^<]*</li>");
  }

  /** Writes the report into grader/docs/class-report/, as the README's example. */
  private static void writeExample() throws IOException {
    Path docs = Submissions.ROOT.resolve("grader/docs/class-report");
    ResultStore.deleteTree(docs);
    Files.createDirectories(docs.resolve(ClassReport.CHARTS));
    for (String file : List.of(ClassReport.HTML, ClassReport.MARKDOWN)) {
      Files.copy(out.resolve(file), docs.resolve(file));
    }
    try (Stream<Path> charts = Files.list(out.resolve(ClassReport.CHARTS))) {
      for (Path chart : charts.sorted().toList()) {
        Files.copy(chart, docs.resolve(ClassReport.CHARTS).resolve(chart.getFileName()));
      }
    }
    System.out.println("Wrote the example class report into " + docs);
  }

  /** The cells of the table row whose first cell is {@code first}. */
  private static List<String> row(String first) {
    String start = "<tr><td>" + ClassReport.xml(first) + "</td>";
    int at = page.indexOf(start);
    assertThat(at).as("a row for '%s' in the report", first).isNotNegative();
    String row = page.substring(at, page.indexOf("</tr>", at));
    return Stream.of(row.replace("<tr>", "").split("</td>")).map(c -> c.replace("<td>", ""))
        .map(GradedClassReportTest::unescape).toList();
  }

  /** The bars' counts that the caption starting with {@code caption} lists, by label. */
  private static Map<String, Integer> bars(String caption) {
    String marker = "Bars (lower end: count): ";
    Matcher captions = Pattern.compile("<figcaption>([^<]*)</figcaption>").matcher(page);
    while (captions.find()) {
      String text = unescape(captions.group(1));
      if (text.startsWith(caption)) {
        String list = text.substring(text.indexOf(marker) + marker.length(), text.length() - 1);
        Map<String, Integer> bars = new LinkedHashMap<>();
        for (String bar : list.split(", ")) {
          int colon = bar.lastIndexOf(": ");
          bars.put(bar.substring(0, colon), Integer.parseInt(bar.substring(colon + 2)));
        }
        return bars;
      }
    }
    throw new AssertionError("no chart whose caption starts with '" + caption + "'");
  }

  /** The histogram the report should draw of {@code scores} out of {@code max}: tenths, labelled by lower end. */
  private static Map<String, Integer> histogram(List<Double> scores, double max) {
    int[] counts = new int[10];
    for (double s : scores) {
      counts[Math.min(9, (int) Math.floor(s / max * 10 + 1e-9))]++;
    }
    Map<String, Integer> bars = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      if (counts[i] > 0) {
        bars.put(ReportFormat.points(max * i / 10), counts[i]);
      }
    }
    return bars;
  }

  /** The mean of the gradebook's numbers as a spreadsheet computes it: their decimal sum over their count. */
  private static double mean(List<Double> values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(Double.toString(v)));
    }
    return sum.divide(BigDecimal.valueOf(values.size()), 10, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : new BigDecimal(Double.toString(sorted.get(n / 2 - 1)))
        .add(new BigDecimal(Double.toString(sorted.get(n / 2)))).divide(BigDecimal.valueOf(2)).doubleValue();
  }

  private static String text(String html) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))).getDocumentElement().getTextContent()
        .replaceAll("\\s+", " ");
  }

  private static String unescape(String xml) {
    return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
