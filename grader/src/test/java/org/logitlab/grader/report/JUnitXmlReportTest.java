package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.logitlab.grader.SubmissionResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlReportTest {

  @TempDir
  Path dir;

  private Element written(SubmissionResult result) throws Exception {
    Path file = dir.resolve("TEST-logit-lab.xml");
    JUnitXmlReport.write(result, file);
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    return document.getDocumentElement();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element suite(Element root, String name) {
    return children(root, "testsuite").stream().filter(s -> s.getAttribute("name").equals(name)).findFirst()
        .orElseThrow();
  }

  private static Map<String, String> properties(Element suite) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (Element p : children(children(suite, "properties").get(0), "property")) {
      properties.merge(p.getAttribute("name"), p.getAttribute("value"), (a, b) -> a + "; " + b);
    }
    return properties;
  }

  @Test
  void oneSuitePerExerciseWithTheCounts() throws Exception {
    Element root = written(SampleResults.complete());

    assertThat(root.getTagName()).isEqualTo("testsuites");
    // 16 tests + an errored test for each of exercises 3, 4 and 6
    assertThat(root.getAttribute("tests")).isEqualTo("19");
    assertThat(root.getAttribute("failures")).isEqualTo("3");
    assertThat(root.getAttribute("errors")).isEqualTo("3");
    assertThat(root.getAttribute("skipped")).isEqualTo("1");
    assertThat(root.getAttribute("time")).isEqualTo("31.810");
    assertThat(children(root, "testsuite")).extracting(s -> s.getAttribute("name")).containsExactly(
        "Exercise 1 (sigmoid)", "Exercise 2 (BCE derivative)", "Exercise 3 (softmax)", "Exercise 4 (one-hot)",
        "Exercise 5 (output-layer backprop)", "Exercise 6 (hidden-layer backprop)", "Exercise 7 (fit)");

    Element bce = suite(root, "Exercise 2 (BCE derivative)");
    assertThat(bce.getAttribute("tests")).isEqualTo("4");
    assertThat(bce.getAttribute("failures")).isEqualTo("1");
    assertThat(bce.getAttribute("errors")).isEqualTo("0");
    assertThat(bce.getAttribute("skipped")).isEqualTo("0");
    assertThat(bce.getAttribute("time")).isEqualTo("0.500");
    assertThat(bce.getAttribute("timestamp")).isEqualTo("2024-05-06T07:08:09");
    List<Element> cases = children(bce, "testcase");
    assertThat(cases).extracting(c -> c.getAttribute("name"))
        .containsExactly("zero weights", "one sample", "random data", "gradient check");
    assertThat(cases).extracting(c -> c.getAttribute("classname")).containsOnly("Exercise 2 (BCE derivative)");
    assertThat(cases.get(0).getAttribute("time")).isEqualTo("0.012");
    assertThat(children(cases.get(0), "failure")).isEmpty();
  }

  @Test
  void aFailureCarriesTheFeedbackWithForbiddenCharactersEscaped() throws Exception {
    Element bce = suite(written(SampleResults.complete()), "Exercise 2 (BCE derivative)");

    Element failure = children(children(bce, "testcase").get(2), "failure").get(0);
    String expected = SampleResults.BCE_FEEDBACK.replace("\u0007", "\\u0007");
    assertThat(failure.getTextContent()).isEqualTo(expected);
    assertThat(failure.getAttribute("message")).isEqualTo(expected.replaceAll("\\s*\\n\\s*", " "));
    assertThat(failure.getAttribute("type")).isEqualTo("AssertionError");
  }

  @Test
  void skippedTestsAreMarked() throws Exception {
    Element output = suite(written(SampleResults.complete()), "Exercise 5 (output-layer backprop)");

    assertThat(output.getAttribute("skipped")).isEqualTo("1");
    Element skipped = children(children(output, "testcase").get(1), "skipped").get(0);
    assertThat(skipped.getAttribute("message")).isEqualTo("MNIST is not available");
  }

  @Test
  void anExerciseThatDoesNotCompileIsAnErroredTestWithTheCompilerOutput() throws Exception {
    Element softmax = suite(written(SampleResults.complete()), "Exercise 3 (softmax)");

    assertThat(softmax.getAttribute("tests")).isEqualTo("1");
    assertThat(softmax.getAttribute("errors")).isEqualTo("1");
    Element test = children(softmax, "testcase").get(0);
    assertThat(test.getAttribute("name")).isEqualTo("does not compile");
    Element error = children(test, "error").get(0);
    assertThat(error.getAttribute("type")).isEqualTo("DOES_NOT_COMPILE");
    assertThat(error.getAttribute("message")).isEqualTo("Softmax.java does not compile against the given code");
    assertThat(error.getTextContent()).contains(String.join("\n", SampleResults.COMPILER_ERRORS));
    assertThat(properties(softmax)).containsEntry("score", "0").containsEntry("maxScore", "10");
  }

  @Test
  void aTimedOutExerciseKeepsItsTestsAndAddsTheReason() throws Exception {
    Element hidden = suite(written(SampleResults.complete()), "Exercise 6 (hidden-layer backprop)");

    assertThat(hidden.getAttribute("tests")).isEqualTo("4");
    assertThat(hidden.getAttribute("failures")).isEqualTo("2");
    assertThat(hidden.getAttribute("errors")).isEqualTo("1");
    Element timeout = children(hidden, "testcase").get(0);
    assertThat(timeout.getAttribute("name")).isEqualTo("timed out");
    assertThat(children(timeout, "error").get(0).getAttribute("message")).isEqualTo(SampleResults.TIMEOUT);
  }

  @Test
  void propertiesHoldSeedAndScores() throws Exception {
    Map<String, String> properties = properties(suite(written(SampleResults.complete()), "Exercise 1 (sigmoid)"));

    assertThat(properties).containsEntry("seed", "12345").containsEntry("student", "alice")
        .containsEntry("score", "10").containsEntry("maxScore", "10")
        .containsEntry("submission.score", "66.25").containsEntry("submission.maxScore", "100")
        .containsEntry("warning", "the grading machine has 1 CPU: exercises were graded one at a time");
  }

  @Test
  void aFailedGradingRunIsOneErroredTest() throws Exception {
    Element root = written(SampleResults.error());

    assertThat(root.getAttribute("tests")).isEqualTo("1");
    assertThat(root.getAttribute("errors")).isEqualTo("1");
    Element grading = suite(root, "Grading");
    assertThat(properties(grading)).containsEntry("seed", "12345").containsEntry("score", "0")
        .containsEntry("maxScore", "100");
    Element error = children(children(grading, "testcase").get(0), "error").get(0);
    assertThat(error.getAttribute("message")).startsWith("grading failed: java.io.IOException: bob.zip");
    assertThat(error.getTextContent()).contains("\tat org.logitlab.grader.Grader.grade");
  }

  @Test
  void renderMatchesTheFile() throws IOException {
    Path file = dir.resolve("report.xml");
    JUnitXmlReport.write(SampleResults.complete(), file);

    assertThat(file).hasContent(JUnitXmlReport.render(SampleResults.complete()));
    assertThat(JUnitXmlReport.render(SampleResults.complete()))
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  }
}
