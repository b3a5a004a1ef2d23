package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

  @TempDir
  Path dir;

  @Test
  void titleAndTable() {
    String md = MarkdownReport.render(SampleResults.complete());

    assertThat(md).startsWith("# logit-lab: alice: 66.25 / 100 points\n\n");
    assertThat(md).contains("""
        | Exercise | Status | Points | Tests passed |
        |---|---|---|---|
        | Exercise 1 (sigmoid) | ✅ passed | 10 / 10 | 3/3 |
        | Exercise 2 (BCE derivative) | ❌ failed | 11.25 / 15 | 3/4 |
        | Exercise 3 (softmax) | 🛠️ does not compile | 0 / 10 | 0/0 |
        | Exercise 4 (one-hot) | ⬜ missing | 0 / 10 | 0/0 |
        | Exercise 5 (output-layer backprop) | ✅ passed | 15 / 15 | 2/2, 1 skipped |
        | Exercise 6 (hidden-layer backprop) | ⏱️ timed out | 5 / 15 | 1/3 |
        | Exercise 7 (fit) | ✅ passed | 25 / 25 | 3/3 |
        | **Total** | | **66.25 / 100** | 12/15, 1 skipped |
        """);
    assertThat(md).contains("Your network's MNIST test accuracy: **95.12 %**");
  }

  @Test
  void onlyExercisesThatLostPointsAreExplained() {
    String md = MarkdownReport.render(SampleResults.complete());

    assertThat(md).contains("## Exercise 2 (BCE derivative): 11.25 / 15", "## Exercise 3 (softmax): 0 / 10",
        "## Exercise 4 (one-hot): 0 / 10", "## Exercise 6 (hidden-layer backprop): 5 / 15");
    assertThat(md).doesNotContain("## Exercise 1", "## Exercise 5", "## Exercise 7");
  }

  @Test
  void failingTestsQuoteTheirFeedbackEscapedLineByLine() {
    String md = MarkdownReport.render(SampleResults.complete());

    assertThat(md).contains("""
        1 test failed:

        - random data

          > Exercise 2 (BCE derivative): gradient for w = \\<0.5, -1\\> \\& b = 0 \\| \\*mean\\* of\\_m\\
          > expected: 0.25\\
          > but was: -0.25\\\\u0007 — read lessons/02-binary-cross-entropy.md

        Read lessons/02-binary-cross-entropy.md#exercise-2-the-gradient-of-the-bce and write \
        BinaryCrossEntropy.gradient(double\\[\\]\\[\\], double\\[\\], double\\[\\]).
        """);
    assertThat(md).contains("2 tests failed:", "  > not run: stopped after 180 s");
  }

  @Test
  void compilerErrorsAreFencedLongerThanTheirBackticks() {
    String md = MarkdownReport.render(SampleResults.complete());

    assertThat(md).contains("**Does not compile:** Softmax.java does not compile against the given code");
    assertThat(md).contains("""
        Compiler errors:

        ````text
        Softmax.java:12: error: ';' expected
            return x```
        1 error
        ````
        """);
    assertThat(md).contains("**Missing:** no src/main/java/org/logitlab/softmax/OneHot.java in the submission");
    assertThat(md).contains("**Timed out:** stopped after 180 s (an endless loop, or far too slow)");
  }

  @Test
  void warningsReplayAndTimings() {
    String md = MarkdownReport.render(SampleResults.complete());

    assertThat(md).contains("## Warnings\n\n- the grading machine has 1 CPU: exercises were graded one at a time\n");
    assertThat(md).contains("## Replay\n\nSeed 12345: grade again with --seed 12345 to draw the same random inputs.");
    assertThat(md).endsWith("## Timings\n\nunpack 0.1 s, compile 1.2 s, run 30.5 s, total 31.8 s\n\n"
        + "## Isolation\n\nbubblewrap: no network, read-only system\n");
  }

  @Test
  void aFailedGradingRunSaysWhy() {
    String md = MarkdownReport.render(SampleResults.error());

    assertThat(md).startsWith("# logit-lab: bob: grading incomplete (a grader error, not the submission's: no grade yet)\n\n"
        + "Grading could not finish, through no fault of the submission.");
    assertThat(md).contains("""
        ```text
        grading failed: java.io.IOException: bob.zip is not a zip file
        \tat org.logitlab.grader.Grader.grade
        ```
        """);
    assertThat(md).doesNotContain("| Exercise |");
    assertThat(md).contains("- MNIST is not available on the grading machine", "Seed 12345", "total 0.1 s");
  }

  @Test
  void escapingDefusesMarkupButKeepsPlainText() {
    assertThat(MarkdownReport.escape("a <b> c")).isEqualTo("a \\<b\\> c");
    assertThat(MarkdownReport.escape("- item")).isEqualTo("\\- item");
    assertThat(MarkdownReport.escape("12. item")).isEqualTo("12\\. item");
    assertThat(MarkdownReport.escape("# title")).isEqualTo("\\# title");
    assertThat(MarkdownReport.escape("x - 1.5 = y")).isEqualTo("x - 1.5 = y");
  }

  @Test
  void writeReplacesAndAppendAdds() throws IOException {
    Path file = dir.resolve("summary.md");
    MarkdownReport.write(SampleResults.error(), file);
    MarkdownReport.write(SampleResults.error(), file);
    String once = MarkdownReport.render(SampleResults.error());
    assertThat(file).hasContent(once);

    MarkdownReport.append(SampleResults.complete(), file);

    assertThat(Files.readString(file)).isEqualTo(once + MarkdownReport.render(SampleResults.complete()));
  }
}
