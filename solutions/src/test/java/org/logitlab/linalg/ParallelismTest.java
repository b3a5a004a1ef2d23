package org.logitlab.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.logitlab.RandomArrays;
import org.logitlab.activation.Activation;

class ParallelismTest {

  @AfterEach
  void backToOneThread() {
    Parallelism.setThreads(1);
  }

  /** Sparse like MNIST: about half the entries exactly 0, which the products skip. */
  private static double[][] sparse(int rows, int cols, long seed) {
    double[][] a = RandomArrays.gaussian(rows, cols, 1, seed);
    double[][] coin = RandomArrays.gaussian(rows, cols, 1, seed + 100);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (coin[i][j] < 0) {
          a[i][j] = 0.0;
        }
      }
    }
    return a;
  }

  /** Every parallel kernel's outputs, computed with the current number of threads. */
  private static List<double[][]> everyKernel() {
    double[][] x = sparse(37, 300, 1);
    double[][] w = RandomArrays.gaussian(300, 50, 0.1, 2);
    double[] b = RandomArrays.gaussian(1, 50, 1, 3)[0];
    double[][] dz = RandomArrays.gaussian(37, 50, 1, 4);
    assertThat(37L * 300 * 50).as("work of the products, so that they are split")
        .isGreaterThan(Parallelism.MIN_PARALLEL_WORK);
    double[][] product = Matrices.multiply(x, w);
    double[][] affine = Matrices.affine(x, w, b);
    double[][] gradient = new double[300][50];
    Matrices.multiplyTransposeAInto(x, dz, 1.0 / 37, gradient);
    double[][] back = Matrices.multiplyTransposeB(dz, w);
    double[][] stepped = Matrices.copy(w);
    Matrices.descend(stepped, 0.5, gradient);
    double[][] sigmoid = new double[37][50];
    Activation.SIGMOID.applyInto(affine, sigmoid);
    double[][] tanh = Matrices.copy(affine);
    Activation.TANH.applyInto(tanh, tanh);
    return List.of(product, affine, gradient, back, stepped, sigmoid, tanh);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 8})
  void threadsChangeNoBitOfAnyKernel(int threads) {
    List<double[][]> one = everyKernel();
    Parallelism.setThreads(threads);
    List<double[][]> many = everyKernel();
    String[] names = {"multiply", "affine", "multiplyTransposeA", "multiplyTransposeB", "descend", "sigmoid",
        "tanh"};
    for (int i = 0; i < names.length; i++) {
      assertThat(many.get(i)).as("%s with %d threads against 1 thread", names[i], threads)
          .isDeepEqualTo(one.get(i));
    }
  }

  @Test
  void rowsAreSplitAcrossTheThreadsAndEachIsDoneOnce() {
    Parallelism.setThreads(3);
    AtomicIntegerArray done = new AtomicIntegerArray(10);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Parallelism.forRows((a, b, v, s, out, from, to) -> {
      threads.add(Thread.currentThread());
      for (int i = from; i < to; i++) {
        done.incrementAndGet(i);
      }
    }, 10, Parallelism.MIN_PARALLEL_WORK, null, null, null, 0.0, null);

    for (int i = 0; i < 10; i++) {
      assertThat(done.get(i)).as("times row %d was computed", i).isEqualTo(1);
    }
    assertThat(threads).as("threads that computed rows").hasSize(3).contains(Thread.currentThread());
  }

  @Test
  void smallWorkStaysOnTheCallingThread() {
    Parallelism.setThreads(2);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Parallelism.forRows((a, b, v, s, out, from, to) -> threads.add(Thread.currentThread()), 4, 10, null, null,
        null, 0.0, null);
    assertThat(threads).containsExactly(Thread.currentThread());
  }

  @Test
  void aFailureOnAnotherThreadReachesTheCallerAsItIsAndTheThreadsStayUsable() {
    Parallelism.setThreads(2);
    assertThatThrownBy(() -> Parallelism.forRows((a, b, v, s, out, from, to) -> {
      if (from > 0) {
        throw new ArithmeticException("rows from " + from);
      }
    }, 8, Parallelism.MIN_PARALLEL_WORK, null, null, null, 0.0, null))
        .isExactlyInstanceOf(ArithmeticException.class).hasMessage("rows from 4");

    List<double[][]> again = everyKernel();
    Parallelism.setThreads(1);
    assertThat(again.get(0)).isDeepEqualTo(everyKernel().get(0));
  }

  @Test
  void whenSeveralThreadsFailTheLowestRowsWinAsWithOneThread() {
    Parallelism.setThreads(3);
    for (int r = 0; r < 20; r++) {
      assertThatThrownBy(() -> Parallelism.forRows((a, b, v, s, out, from, to) -> {
        throw new IllegalArgumentException("rows from " + from);
      }, 9, Parallelism.MIN_PARALLEL_WORK, null, null, null, 0.0, null)).hasMessage("rows from 0");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void aRaggedTallMatrixIsNamedAtItsFirstBadRowAndNothingIsWritten(int threads) {
    Parallelism.setThreads(threads);
    double[][] param = RandomArrays.gaussian(2000, 8, 1, 7);
    double[][] before = Matrices.copy(param);
    double[][] grad = RandomArrays.gaussian(2000, 8, 1, 8);
    grad[1500] = new double[7];
    assertThatThrownBy(() -> Matrices.descend(param, 0.1, grad)).as("%d threads", threads)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("right matrix is ragged: row 0 has 8 columns but row 1500 has 7");
    grad[300] = new double[9];
    assertThatThrownBy(() -> Matrices.descend(param, 0.1, grad)).as("%d threads", threads)
        .hasMessage("right matrix is ragged: row 0 has 8 columns but row 300 has 9");
    assertThat(param).as("the parameters after the rejected steps").isDeepEqualTo(before);
  }

  @Test
  void applicationThreadsCanRunKernelsAtTheSameTime() throws InterruptedException {
    List<double[][]> expected = everyKernel();
    Parallelism.setThreads(2);
    List<Throwable> failures = new ArrayList<>();
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread caller = new Thread(() -> {
        for (int r = 0; r < 30; r++) {
          List<double[][]> got = everyKernel();
          for (int i = 0; i < got.size(); i++) {
            if (!java.util.Arrays.deepEquals(got.get(i), expected.get(i))) {
              throw new AssertionError("kernel " + i + " differs under concurrent use");
            }
          }
        }
      });
      caller.setUncaughtExceptionHandler((thread, e) -> {
        synchronized (failures) {
          failures.add(e);
        }
      });
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) {
      caller.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void goingBackToOneThreadStopsTheWorkers() throws InterruptedException {
    Parallelism.setThreads(2);
    everyKernel();
    Thread worker = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("logit-lab-kernel-1") && t.isAlive()).findFirst().orElseThrow();
    assertThat(worker.isDaemon()).as("a kernel thread never keeps the JVM alive").isTrue();

    Parallelism.setThreads(1);
    worker.join(10_000);
    assertThat(worker.isAlive()).as("the kernel thread after setThreads(1)").isFalse();
    assertThat(Parallelism.threads()).isEqualTo(1);
  }

  @Test
  void threadCountsAreChecked() {
    assertThatThrownBy(() -> Parallelism.setThreads(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the number of threads must be from 1 to 256, got 0");
    assertThatThrownBy(() -> Parallelism.setThreads(257)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Parallelism.fromProperty("two")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dlogitlab.threads=two is not a thread count: give a whole number from 1 to 256");
    assertThatThrownBy(() -> Parallelism.fromProperty("0")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Parallelism.fromProperty(null)).as("no property: one thread, no team").isNull();
    assertThat(Parallelism.fromProperty(" 1 ")).isNull();
    Parallelism.Team team = Parallelism.fromProperty("3");
    assertThat(team.size).isEqualTo(3);
    team.shutdown();
  }
}
