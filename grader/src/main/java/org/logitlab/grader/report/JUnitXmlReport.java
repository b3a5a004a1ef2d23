package org.logitlab.grader.report;

import org.logitlab.grader.AtomicFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.logitlab.grader.ExerciseResult;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;
import org.logitlab.grader.Texts;

/**
 * The grade as JUnit XML, the Ant/Surefire {@code testsuites/testsuite/testcase} format that CI
 * systems and GitHub test reporters read: one {@code testsuite} per exercise (named
 * {@code "Exercise 1 (sigmoid)"}), one {@code testcase} per hidden test with a {@code failure} or
 * {@code skipped} child, and for an exercise that is missing, does not compile, timed out or crashed
 * one more {@code testcase} with an {@code error} that carries the reason and the compiler output.
 * Each suite's {@code properties} hold the seed and the scores. A failed grading run is a suite
 * {@code "Grading"} with one errored test. Names and messages are in the language of the result; the
 * format's elements, attributes and {@code type}s are not words. Characters XML 1.0 forbids (control
 * characters) are written as Java-style backslash-u escapes.
 */
public final class JUnitXmlReport {

  private JUnitXmlReport() {}

  /** Writes the report to {@code file}, atomically. */
  public static void write(SubmissionResult result, Path file) throws IOException {
    AtomicFile.write(file, render(result));
  }

  /** The report as XML text. */
  public static String render(SubmissionResult result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(result, bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen: writing to memory", e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Writes the report to {@code out} as UTF-8, leaving it open. */
  public static void write(SubmissionResult result, OutputStream out) throws IOException {
    try {
      Xml xml = new Xml(XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8"));
      xml.writer.writeStartDocument("UTF-8", "1.0");
      int tests = 0;
      int failures = 0;
      int errors = 0;
      int skipped = 0;
      for (ExerciseResult exercise : result.exercises()) {
        tests += exercise.tests().size() + (notRunToTheEnd(exercise) ? 1 : 0);
        failures += ReportFormat.count(exercise, TestOutcome.Status.FAILED);
        skipped += ReportFormat.count(exercise, TestOutcome.Status.SKIPPED);
        errors += notRunToTheEnd(exercise) ? 1 : 0;
      }
      boolean failed = result.status() != SubmissionResult.Status.COMPLETE;
      Texts texts = result.texts();
      xml.start("testsuites", "name", ReportFormat.headline(result), "tests", tests + (failed ? 1 : 0),
          "failures", failures, "errors", errors + (failed ? 1 : 0), "skipped", skipped,
          "time", seconds(ReportFormat.totalMillis(result)));
      for (ExerciseResult exercise : result.exercises()) {
        writeSuite(xml, texts, result, exercise);
      }
      if (failed) {
        String grading = texts.text("report.grading");
        xml.start("testsuite", "name", grading, "tests", 1, "failures", 0, "errors", 1, "skipped", 0,
            "time", seconds(ReportFormat.totalMillis(result)), "timestamp", timestamp(result.gradedAt()));
        writeProperties(xml, result, result.score(), result.maxScore());
        xml.start("testcase", "classname", grading, "name", texts.text("junit.grading"), "time",
            seconds(ReportFormat.totalMillis(result)));
        String error = ReportFormat.error(result);
        writeProblem(xml, "error", "GradingError", error, error);
        xml.end();
        xml.end();
      }
      xml.end();
      xml.writer.writeCharacters("\n");
      xml.writer.writeEndDocument();
      xml.writer.flush();
      xml.writer.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the JUnit XML report: " + e.getMessage(), e);
    }
  }

  private static void writeSuite(Xml xml, Texts texts, SubmissionResult result, ExerciseResult exercise)
      throws XMLStreamException {
    String suite = texts.exercise(exercise.exercise());
    boolean broken = notRunToTheEnd(exercise);
    xml.start("testsuite", "name", suite, "tests", exercise.tests().size() + (broken ? 1 : 0),
        "failures", ReportFormat.count(exercise, TestOutcome.Status.FAILED), "errors", broken ? 1 : 0,
        "skipped", ReportFormat.count(exercise, TestOutcome.Status.SKIPPED), "time", seconds(exercise.millis()),
        "timestamp", timestamp(result.gradedAt()));
    writeProperties(xml, result, exercise.score(), exercise.maxScore());
    if (broken) {
      xml.start("testcase", "classname", suite, "name", ReportFormat.status(texts, exercise), "time", seconds(0));
      String problem = ReportFormat.problem(texts, exercise);
      String text = exercise.details().isEmpty() ? problem
          : problem + "\n\n" + String.join("\n", exercise.details());
      writeProblem(xml, "error", exercise.status().name(), problem, text + "\n\n" + ReportFormat.read(texts, exercise));
      xml.end();
    }
    for (TestOutcome test : exercise.tests()) {
      String[] what = {"classname", suite, "name", test.name(), "time", seconds(test.millis())};
      switch (test.status()) {
        case PASSED -> xml.empty("testcase", (Object[]) what);
        case FAILED -> {
          xml.start("testcase", (Object[]) what);
          String feedback = ReportFormat.feedback(texts, test);
          writeProblem(xml, "failure", "AssertionError", feedback, feedback);
          xml.end();
        }
        case SKIPPED -> {
          xml.start("testcase", (Object[]) what);
          xml.empty("skipped", "message", oneLine(ReportFormat.feedback(texts, test)));
          xml.end();
        }
      }
    }
    xml.end();
  }

  private static void writeProperties(Xml xml, SubmissionResult result, double score, double maxScore)
      throws XMLStreamException {
    xml.start("properties");
    xml.empty("property", "name", "student", "value", result.student());
    xml.empty("property", "name", "seed", "value", result.seed());
    xml.empty("property", "name", "isolation", "value", oneLine(result.isolation()));
    xml.empty("property", "name", "score", "value", number(score));
    xml.empty("property", "name", "maxScore", "value", number(maxScore));
    xml.empty("property", "name", "submission.score", "value", number(result.score()));
    xml.empty("property", "name", "submission.maxScore", "value", number(result.maxScore()));
    for (String warning : result.warnings()) {
      xml.empty("property", "name", "warning", "value", oneLine(warning));
    }
    xml.end();
  }

  /** A {@code failure} or {@code error} element: the message on one line, the whole text as content. */
  private static void writeProblem(Xml xml, String element, String type, String message, String text)
      throws XMLStreamException {
    xml.start(element, "message", oneLine(message), "type", type);
    xml.writer.writeCharacters(ReportFormat.printable(text));
    xml.depth--;
    xml.writer.writeEndElement();
  }

  private static boolean notRunToTheEnd(ExerciseResult exercise) {
    return exercise.status() != ExerciseResult.Status.GRADED;
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String number(double value) {
    return BigDecimal.valueOf(ReportFormat.round4(value)).stripTrailingZeros().toPlainString();
  }

  /** The Ant format's timestamp, {@code 2024-01-15T10:30:00} in UTC, or empty when unreadable. */
  private static String timestamp(String gradedAt) {
    try {
      return LocalDateTime.ofInstant(Instant.parse(gradedAt), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
          .toString();
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  /** An indenting wrapper: each element on its own line, two spaces per level. */
  private static final class Xml {
    final XMLStreamWriter writer;
    int depth;

    Xml(XMLStreamWriter writer) {
      this.writer = writer;
    }

    void start(String name, Object... attributes) throws XMLStreamException {
      indent();
      writer.writeStartElement(name);
      attributes(attributes);
      depth++;
    }

    void empty(String name, Object... attributes) throws XMLStreamException {
      indent();
      writer.writeEmptyElement(name);
      attributes(attributes);
    }

    void end() throws XMLStreamException {
      depth--;
      indent();
      writer.writeEndElement();
    }

    private void attributes(Object... attributes) throws XMLStreamException {
      for (int i = 0; i < attributes.length; i += 2) {
        String value = ReportFormat.printable(String.valueOf(attributes[i + 1]));
        writer.writeAttribute((String) attributes[i], value);
      }
    }

    private void indent() throws XMLStreamException {
      writer.writeCharacters("\n" + "  ".repeat(depth));
    }
  }
}
