package io.camelaccs.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The fenced code blocks of README.md and docs/*.md. */
final class DocBlocks {

    static final Path ROOT = Path.of("..");

    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\w+)\\s*$");

    /**
     * One block: page relative to the project root, 1-based line of its opening fence, language, text, and how the
     * tests name it: its page and first line (so it keeps its name when lines move), with as many following lines
     * as it takes to tell it from another block of the page that starts alike.
     */
    record Block(String page, int line, String lang, String text, String key) {

        @Override
        public String toString() {
            return page + ":" + line + " (" + lang + ") " + firstLine(text);
        }
    }

    private DocBlocks() {
    }

    static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<Block> all() {
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages()) {
            String name = ROOT.relativize(page).toString().replace('\\', '/');
            List<String> lines;
            try {
                lines = Files.readAllLines(page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = FENCE.matcher(lines.get(i));
                if (!m.matches()) {
                    continue;
                }
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
                    end++;
                }
                blocks.add(new Block(name, i + 1, m.group(1), String.join("\n", lines.subList(i + 1, end)) + "\n",
                        null));
                i = end;
            }
        }
        List<Block> named = new ArrayList<>();
        for (Block block : blocks) {
            List<String> mine = significant(block.text());
            int n = 1;
            while (n < mine.size() && taken(blocks, block, mine.subList(0, n))) {
                n++;
            }
            named.add(new Block(block.page(), block.line(), block.lang(), block.text(),
                    block.page() + " | " + String.join(" … ", mine.subList(0, Math.min(n, mine.size())))));
        }
        return named;
    }

    private static boolean taken(List<Block> blocks, Block block, List<String> start) {
        return blocks.stream().anyMatch(b -> b != block && b.page().equals(block.page())
                && significant(b.text()).size() >= start.size()
                && significant(b.text()).subList(0, start.size()).equals(start));
    }

    private static List<String> significant(String text) {
        return text.lines().filter(l -> !l.isBlank()).map(DocBlocks::firstLine).toList();
    }

    /** The first non-blank line, without a trailing comment and with its spaces collapsed. */
    static String firstLine(String text) {
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        return line.replaceAll("\\s+//\\s.*$", "").replaceAll("\\s+", " ").strip();
    }

    /** Lines stripped, blanks dropped and runs of spaces collapsed: indentation and alignment do not count. */
    static String normalized(String text) {
        return text.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
