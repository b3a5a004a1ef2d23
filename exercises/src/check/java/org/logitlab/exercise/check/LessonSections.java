package org.logitlab.exercise.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson split at its headings, with what the English and the Korean edition of a section must
 * share: its level and anchor, its formulas (whitespace normalised), code blocks, figures, links,
 * inline code and worked numbers. A section's anchor is GitHub's slug of its heading, or the
 * {@code <a name="…"></a>} line right before it (how a Korean heading keeps its English anchor).
 */
record LessonSections(List<LessonSections.Section> sections) {

  /**
   * One section.
   *
   * @param explicitAnchor whether an {@code <a name>} line gave the anchor
   * @param formulas each formula, whitespace normalised, and how often (their order within a section
   *     follows each language's word order)
   * @param inlineCode each inline code span and how often it occurs
   * @param numbers each number of two or more digits or with a decimal point, and how often
   */
  record Section(int level, String anchor, boolean explicitAnchor, Map<String, Integer> formulas, List<String> code,
      List<String> figures, List<String> links, Map<String, Integer> inlineCode, Map<String, Integer> numbers) {}

  private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.*)$");
  private static final Pattern NAMED = Pattern.compile("^<a name=\"([^\"]+)\"></a>\\s*$");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```[^\\n]*$");
  private static final Pattern DISPLAY = Pattern.compile("(?s)\\$\\$(.+?)\\$\\$");
  private static final Pattern INLINE = Pattern.compile("\\$`(.+?)`\\$|(?<![\\\\$])\\$([^$\\n]+?)\\$");
  /** A Markdown image; group 1 is its target. */
  static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern LINK = Pattern.compile("(?<!!)\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}_.])\\d+(?:,\\d{3})*(?:\\.\\d+)?");

  /** Splits {@code markdown}; text before the first heading belongs to no section. */
  static LessonSections parse(String markdown) {
    List<Section> sections = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String named = null;
    int level = 0;
    String anchor = null;
    boolean explicit = false;
    StringBuilder body = new StringBuilder();
    boolean inCode = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      }
      Matcher heading = HEADING.matcher(line);
      Matcher name = NAMED.matcher(line);
      if (!inCode && name.matches()) {
        named = name.group(1);
      } else if (!inCode && heading.matches()) {
        if (anchor != null) {
          sections.add(section(level, anchor, explicit, body.toString()));
        }
        String slug = slug(heading.group(2));
        int n = seen.merge(slug, 1, Integer::sum);
        level = heading.group(1).length();
        anchor = named != null ? named : n == 1 ? slug : slug + "-" + (n - 1);
        explicit = named != null;
        named = null;
        body.setLength(0);
      } else {
        body.append(line).append('\n');
      }
    }
    if (anchor != null) {
      sections.add(section(level, anchor, explicit, body.toString()));
    }
    return new LessonSections(sections);
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
  }

  private static Section section(int level, String anchor, boolean explicit, String body) {
    List<String> code = all(FENCE, body, 0);
    String prose = FENCE.matcher(body).replaceAll(" ");
    List<String> formulas = new ArrayList<>();
    all(DISPLAY, prose, 1).forEach(f -> formulas.add(normalized(f)));
    String rest = DISPLAY.matcher(prose).replaceAll(" ");
    Matcher inline = INLINE.matcher(rest);
    while (inline.find()) {
      formulas.add(normalized(inline.group(1) != null ? inline.group(1) : inline.group(2)));
    }
    String text = INLINE.matcher(rest).replaceAll(" ");
    Map<String, Integer> inlineCode = counts(all(CODE_SPAN, text, 1));
    String words = CODE_SPAN.matcher(text).replaceAll(" ").replaceAll("\\]\\([^)]*\\)", "] ");
    List<String> numbers = new ArrayList<>();
    for (String n : all(NUMBER, words, 0)) {
      String digits = n.replace(",", "");
      if (digits.length() >= 2 || n.contains(".")) {
        numbers.add(n);
      }
    }
    return new Section(level, anchor, explicit, counts(formulas), code, all(IMAGE, text, 1), all(LINK, text, 1), inlineCode,
        counts(numbers));
  }

  private static String normalized(String formula) {
    return formula.strip().replaceAll("\\s+", " ");
  }

  private static List<String> all(Pattern pattern, String text, int group) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(group));
    }
    return found;
  }

  private static Map<String, Integer> counts(List<String> items) {
    Map<String, Integer> counts = new TreeMap<>();
    items.forEach(item -> counts.merge(item, 1, Integer::sum));
    return counts;
  }
}
