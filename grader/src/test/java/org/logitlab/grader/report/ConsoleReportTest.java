package org.logitlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.logitlab.exercise.Exercise;
import org.logitlab.grader.SubmissionResult;
import org.logitlab.grader.TestOutcome;

class ConsoleReportTest {

  @Test
  void tableTotalFailuresSeedAndTimings() {
    assertThat(ConsoleReport.render(SampleResults.complete())).isEqualTo("""
        logit-lab: alice: 66.25 / 100 points

        Exercise                            Status                 Points  Tests
        ----------------------------------  ----------------  -----------  ----------------
        Exercise 1 (sigmoid)                passed                10 / 10  3/3
        Exercise 2 (BCE derivative)         failed             11.25 / 15  3/4
        Exercise 3 (softmax)                does not compile       0 / 10  0/0
        Exercise 4 (one-hot)                missing                0 / 10  0/0
        Exercise 5 (output-layer backprop)  passed                15 / 15  2/2, 1 skipped
        Exercise 6 (hidden-layer backprop)  timed out              5 / 15  1/3
        Exercise 7 (fit)                    passed                25 / 25  3/3
        ----------------------------------  ----------------  -----------  ----------------
        Total                                                 66.25 / 100  12/15, 1 skipped
        MNIST test accuracy: 95.12 %

        Exercise 2 (BCE derivative): failed
          - random data: Exercise 2 (BCE derivative): gradient for w = <0.5, -1> & b = 0 | *mean* of_m
        Exercise 3 (softmax): does not compile
          ! Softmax.java does not compile against the given code
          ! Softmax.java:12: error: ';' expected
            (2 more messages)
        Exercise 4 (one-hot): missing
          ! no src/main/java/org/logitlab/softmax/OneHot.java in the submission
        Exercise 6 (hidden-layer backprop): timed out
          ! stopped after 180 s (an endless loop, or far too slow)
          - gradient check, sigmoid: not run: stopped after 180 s (an endless loop, or far too slow)
          - gradient check, tanh: not run: stopped after 180 s (an endless loop, or far too slow)

        Warning: the grading machine has 1 CPU: exercises were graded one at a time
        Seed 12345: grade again with --seed 12345 to draw the same random inputs
        Timings: unpack 0.1 s, compile 1.2 s, run 30.5 s, total 31.8 s
        Isolation: bubblewrap: no network, read-only system
        """);
  }

  @Test
  void manyFailuresStayOnOneScreen() {
    TestOutcome[] tests = new TestOutcome[12];
    for (int i = 0; i < tests.length; i++) {
      tests[i] = SampleResults.failed("case " + i, "x".repeat(300) + "\nsecond line", 1);
    }
    SubmissionResult result = SampleResults.result("zoe", List.of(SampleResults.graded(Exercise.SOFTMAX, tests)),
        SubmissionResult.Status.COMPLETE, "", List.of());

    String text = ConsoleReport.render(result);

    assertThat(text).contains("  - case 2: xxx", "    (9 more failing tests)").doesNotContain("case 3", "second line");
    assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(ConsoleReport.WIDTH));
    assertThat(ConsoleReport.render(SampleResults.complete()).lines()).hasSizeLessThan(40);
  }

  @Test
  void aFailedGradingRunSaysWhy() {
    assertThat(ConsoleReport.render(SampleResults.error())).isEqualTo("""
        logit-lab: bob: grading incomplete (a grader error, not the submission's: no grade yet)
          grading failed: java.io.IOException: bob.zip is not a zip file
          \tat org.logitlab.grader.Grader.grade

        Warning: MNIST is not available on the grading machine
        Seed 12345: grade again with --seed 12345 to draw the same random inputs
        Timings: total 0.1 s
        Isolation: bubblewrap: no network, read-only system
        """);
  }

  @Test
  void printWritesTheRenderedText() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReport.print(SampleResults.complete(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(ConsoleReport.render(SampleResults.complete()));
  }
}
