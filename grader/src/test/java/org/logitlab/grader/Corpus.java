package org.logitlab.grader;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The long corpora (hostile submissions, end-to-end mutants) grade a whole submission per case. They
 * run whole when {@code LOGITLAB_CORPUS=full}: {@code .ci/run} sets it whenever the grader, the
 * reference or the tools changed since the corpora last passed whole (the hash in
 * {@code .ci/corpus-passed}, written by {@code .ci/full-corpus}). Otherwise each runs a fixed sample
 * that keeps every kind of case, and says so.
 */
public final class Corpus {

  /** The environment variable that asks for the whole corpora. */
  public static final String VARIABLE = "LOGITLAB_CORPUS";

  private Corpus() {}

  /** Whether the whole corpora run. */
  public static boolean whole() {
    return "full".equals(System.getenv(VARIABLE));
  }

  /**
   * {@code all}, or only the cases named in {@code sample} unless the corpora run whole; prints which.
   *
   * @throws IllegalArgumentException if the sample names a case that the corpus does not hold
   */
  public static <T> List<T> of(String corpus, List<T> all, Function<T, String> name, Set<String> sample) {
    Set<String> names = Set.copyOf(all.stream().map(name).toList());
    if (!names.containsAll(sample)) {
      throw new IllegalArgumentException(corpus + ": the sample names cases the corpus does not hold: " + sample);
    }
    List<T> chosen = whole() ? all : all.stream().filter(c -> sample.contains(name.apply(c))).toList();
    System.out.printf("%s: %d of %d cases%s%n", corpus, chosen.size(), all.size(),
        whole() ? "" : " (a sample; " + VARIABLE + "=full runs them all)");
    return chosen;
  }
}
