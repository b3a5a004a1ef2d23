package org.logitlab.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands a document tells its reader to type: every line of its fenced {@code sh} blocks (a
 * line ending in {@code \} continues on the next; a trailing {@code # comment} is not part of the
 * command), and every {@code - run:} step of its fenced {@code yaml} blocks (a workflow's commands),
 * or of a whole workflow file ({@code .yml}).
 */
final class DocumentedCommands {

  /** A command and where it is written. */
  record Command(String text, Path file, int line) {
    String where(Path root) {
      return root.relativize(file).toString().replace('\\', '/') + ":" + line;
    }
  }

  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_-]*)\\s*$");
  private static final Pattern RUN_STEP = Pattern.compile("^\\s*-?\\s*run:\\s*(.+)$");

  private DocumentedCommands() {}

  /** The commands of {@code file}, in order. */
  static List<Command> of(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Command> commands = new ArrayList<>();
    // A workflow file is YAML throughout; a Markdown document only inside its fences.
    String language = file.getFileName().toString().endsWith(".yml") ? "yaml" : null;
    StringBuilder pending = null;
    int pendingLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        language = language == null ? fence.group(1) : null;
        continue;
      }
      if ("sh".equals(language)) {
        String text = withoutComment(line).strip();
        if (pending == null && text.isEmpty()) {
          continue;
        }
        if (pending == null) {
          pending = new StringBuilder();
          pendingLine = i + 1;
        }
        if (text.endsWith("\\")) {
          pending.append(text, 0, text.length() - 1).append(' ');
          continue;
        }
        pending.append(text);
        commands.add(new Command(pending.toString().replaceAll("\\s+", " ").strip(), file, pendingLine));
        pending = null;
      } else if ("yaml".equals(language)) {
        Matcher run = RUN_STEP.matcher(line);
        if (run.matches()) {
          commands.add(new Command(run.group(1).strip(), file, i + 1));
        }
      }
    }
    return commands;
  }

  /** A fenced block of a document: its language (empty if none) and its text, each line ending in a newline. */
  record Block(String language, String text) {}

  /**
   * The fenced blocks of the section that starts with the line {@code heading} (e.g. {@code ### Usage}),
   * up to the next heading of the same or a higher level.
   */
  static List<Block> blocks(Path file, String heading) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int start = lines.indexOf(heading);
    if (start < 0) {
      throw new AssertionError(file + " has no section '" + heading + "'");
    }
    String level = heading.substring(0, heading.indexOf(' ') + 1);
    List<Block> blocks = new ArrayList<>();
    String language = null;
    StringBuilder text = null;
    for (String line : lines.subList(start + 1, lines.size())) {
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        if (language == null) {
          language = fence.group(1);
          text = new StringBuilder();
        } else {
          blocks.add(new Block(language, text.toString()));
          language = null;
        }
      } else if (language != null) {
        text.append(line).append('\n');
      } else if (line.startsWith("#") && line.indexOf(' ') > 0 && line.indexOf(' ') <= level.length()
          && line.substring(0, line.indexOf(' ')).chars().allMatch(c -> c == '#')) {
        break;
      }
    }
    return blocks;
  }

  /** The line without a {@code #} comment that stands outside quotes and after a blank. */
  static String withoutComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
