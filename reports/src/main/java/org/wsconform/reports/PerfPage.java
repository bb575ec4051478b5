package org.wsconform.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The performance pages: one run's perf.json as perf.html (figures, CPU of both sides, refusals and
 * an inline SVG latency-percentile chart: nothing is loaded from the network), and several runs
 * side by side as the comparison matrix's performance columns (Markdown and HTML).
 */
public final class PerfPage {
  public static final String PERF_JSON = "perf.json";
  public static final String PERF_HTML = "perf.html";

  private static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22", "#393b79", "#637939"
  };

  private PerfPage() {}

  /** Writes {@code folder/perf.html} from {@code folder/perf.json}; returns the page's path. */
  public static Path write(Path folder) throws IOException {
    JsonNode doc = Json.MAPPER.readTree(folder.resolve(PERF_JSON).toFile());
    Path html = folder.resolve(PERF_HTML);
    Json.writeAtomically(html, page(doc));
    return html;
  }

  static String page(JsonNode doc) {
    StringBuilder b = new StringBuilder();
    String agent = doc.path("agent").asText();
    head(b, "wsconform perf: " + agent);
    b.append("<h1>Performance: ").append(Html.escape(agent)).append("</h1>\n");
    b.append("<p>")
        .append(Html.escape(doc.path("target").path("url").asText()))
        .append(" · ")
        .append(Html.escape(doc.path("machine").path("cores").asText()))
        .append(" cores · ")
        .append(Html.escape(doc.path("machine").path("pinning").asText()))
        .append(" · wsconform ")
        .append(Html.escape(doc.path("version").asText()))
        .append(" · ")
        .append(Html.escape(doc.path("finished").asText()))
        .append("</p>\n");
    JsonNode f = doc.path("figures");
    b.append("<table><tr><th>figure</th><th>status</th><th>result</th><th>generator CPU</th>")
        .append("<th>target CPU</th><th>CPU µs/msg (gen / target)</th></tr>\n");
    if (f.has("handshakes")) {
      JsonNode h = f.get("handshakes");
      row(
          b,
          "opening handshakes (" + h.path("concurrency").asText() + " at once)",
          h,
          num(h.path("perSecond"))
              + "/s, p50 "
              + us(h.path("latency").path("p50"))
              + ", p99 "
              + us(h.path("latency").path("p99")));
    }
    for (JsonNode l : f.path("latency")) {
      row(
          b,
          "echo "
              + l.path("size").asText()
              + " B "
              + (l.path("deflate").asBoolean() ? "deflate" : "plain")
              + " @ "
              + num(l.path("offeredPerSecond"))
              + "/s over "
              + l.path("connections").asText()
              + " conn.",
          l,
          "p50 "
              + us(l.path("latency").path("p50"))
              + " · p90 "
              + us(l.path("latency").path("p90"))
              + " · p99 "
              + us(l.path("latency").path("p99"))
              + " · p99.9 "
              + us(l.path("latency").path("p99.9"))
              + " · max "
              + us(l.path("latency").path("max"))
              + (l.path("unanswered").asLong() > 0
                  ? " · " + l.path("unanswered").asText() + " unanswered"
                  : ""));
    }
    for (JsonNode p : f.path("peak")) {
      row(
          b,
          "peak rate over "
              + p.path("connections").asText()
              + " conn. ("
              + p.path("window").asText()
              + " in flight each, "
              + p.path("size").asText()
              + " B)",
          p,
          num(p.path("messagesPerSecond"))
              + " msg/s · "
              + String.format(Locale.ROOT, "%.1f", p.path("octetsPerSecond").asDouble() / 1e6)
              + " MB/s");
    }
    if (f.has("held")) {
      JsonNode h = f.get("held");
      row(
          b,
          "connections held (asked " + h.path("asked").asText() + ")",
          h,
          h.path("opened").asText()
              + " open · "
              + h.path("survivedPing").asText()
              + " answered a ping"
              + (h.path("rssPerConnection").isNumber()
                  ? " · "
                      + String.format(
                          Locale.ROOT, "%.1f", h.path("rssPerConnection").asDouble() / 1024)
                      + " KiB RSS per connection"
                  : " · memory: " + h.path("rssNote").asText()));
    }
    b.append("</table>\n");
    List<String[]> series = new ArrayList<>();
    List<JsonNode> curves = new ArrayList<>();
    for (JsonNode l : f.path("latency")) {
      if (!"ok".equals(l.path("status").asText())) continue;
      series.add(
          new String[] {
            l.path("size").asText()
                + " B "
                + (l.path("deflate").asBoolean() ? "deflate" : "plain")
                + " @ "
                + num(l.path("offeredPerSecond"))
                + "/s"
          });
      curves.add(l.path("latency").path("curve"));
    }
    if (!curves.isEmpty()) {
      b.append("<h2>Echo round-trip latency by percentile</h2>\n");
      b.append(
          "<p>Measured from each message's intended send time (coordinated omission corrected).</p>\n");
      b.append(chart(series, curves));
    }
    JsonNode gates = doc.path("gates");
    if (gates.size() > 0) {
      b.append("<h2>Gates</h2>\n<ul>\n");
      for (JsonNode g : gates) {
        b.append("<li class=\"")
            .append(g.path("passed").asBoolean() ? "ok" : "bad")
            .append("\">")
            .append(Html.escape(g.path("message").asText()))
            .append("</li>\n");
      }
      b.append("</ul>\n");
    }
    b.append("</body></html>\n");
    return b.toString();
  }

  private static void head(StringBuilder b, String title) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(Html.CONTENT_SECURITY_POLICY)
        .append("\">\n<meta name=\"generator\" content=\"")
        .append(Html.GENERATOR)
        .append("\">\n<title>")
        .append(Html.escape(title))
        .append("</title>\n<style>body{font:14px system-ui,sans-serif;margin:1.5em}")
        .append(
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
        .append(".refused,.failed,.bad{color:#b00}.skipped{color:#777}.ok{color:#060}")
        .append("svg text{font:11px sans-serif}</style></head><body>\n");
  }

  private static void row(StringBuilder b, String what, JsonNode fig, String result) {
    String status = fig.path("status").asText();
    JsonNode cpu = fig.path("cpu");
    b.append("<tr><td>")
        .append(Html.escape(what))
        .append("</td><td class=\"")
        .append(Html.escape(status))
        .append("\">")
        .append(Html.escape(status))
        .append("</td><td>");
    b.append(Html.escape("ok".equals(status) ? result : fig.path("reason").asText()));
    b.append("</td><td>")
        .append(Html.escape(busy(cpu.path("generatorBusy"), cpu.path("generatorCores"))))
        .append("</td><td>")
        .append(Html.escape(busy(cpu.path("targetBusy"), cpu.path("targetCores"))))
        .append("</td><td>")
        .append(
            Html.escape(
                cpu.has("generatorMicrosPerMessage")
                    ? cpu.path("generatorMicrosPerMessage").asText()
                        + " / "
                        + (cpu.path("targetMicrosPerMessage").isNumber()
                            ? cpu.path("targetMicrosPerMessage").asText()
                            : "n/a")
                    : ""))
        .append("</td></tr>\n");
  }

  private static String busy(JsonNode share, JsonNode cores) {
    if (!share.isNumber()) return "n/a";
    return Math.round(share.asDouble() * 100) + " % of " + cores.asText() + " core(s)";
  }

  static String us(JsonNode micros) {
    if (!micros.isNumber()) return "–";
    double v = micros.asDouble();
    if (v >= 10_000) return String.format(Locale.ROOT, "%.1f ms", v / 1000);
    if (v >= 1000) return String.format(Locale.ROOT, "%.2f ms", v / 1000);
    return String.format(Locale.ROOT, "%.0f µs", v);
  }

  static String num(JsonNode n) {
    if (!n.isNumber()) return "–";
    return String.format(Locale.ROOT, "%,.0f", n.asDouble());
  }

  /**
   * Latency against percentile, the way HdrHistogram plots it: x is log10(1 / (1 − p)) so that 90,
   * 99, 99.9 … are evenly spaced, y is logarithmic (µs) so that 30 µs and 300 ms both show.
   */
  static String chart(List<String[]> names, List<JsonNode> curves) {
    int w = 720, h = 360, left = 70, right = 190, top = 15, bottom = 40;
    double xMax = 5; // 99.999
    double yMin = Double.MAX_VALUE, yMax = 0;
    for (JsonNode c : curves) {
      for (JsonNode p : c) {
        double v = Math.max(1, p.get(1).asDouble());
        yMin = Math.min(yMin, v);
        yMax = Math.max(yMax, v);
      }
    }
    double lo = Math.floor(Math.log10(yMin));
    double hi = Math.max(lo + 1, Math.ceil(Math.log10(yMax)));
    int pw = w - left - right, ph = h - top - bottom;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" role=\"img\" aria-label=\"latency by percentile\">\n");
    s.append("<rect x=\"")
        .append(left)
        .append("\" y=\"")
        .append(top)
        .append("\" width=\"")
        .append(pw)
        .append("\" height=\"")
        .append(ph)
        .append("\" fill=\"none\" stroke=\"#999\"/>\n");
    String[] xl = {"0", "90", "99", "99.9", "99.99", "99.999"};
    for (int i = 0; i <= 5; i++) {
      double x = left + pw * i / xMax;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>",
              x,
              top,
              x,
              top + ph));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
              x,
              top + ph + 15,
              xl[i]));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>\n",
            left + pw / 2,
            h - 5));
    for (double d = lo; d <= hi; d++) {
      double y = top + ph - ph * (d - lo) / (hi - lo);
      double v = Math.pow(10, d);
      String label =
          v >= 1e6
              ? (long) (v / 1e6) + " s"
              : v >= 1e3 ? (long) (v / 1e3) + " ms" : (long) v + " µs";
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
              left,
              y,
              left + pw,
              y));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
              left - 5,
              y + 4,
              label));
    }
    for (int i = 0; i < curves.size(); i++) {
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      for (JsonNode p : curves.get(i)) {
        double pct = Math.min(99.999, p.get(0).asDouble());
        double x = left + pw * Math.log10(1 / (1 - pct / 100)) / xMax;
        double y = top + ph - ph * (Math.log10(Math.max(1, p.get(1).asDouble())) - lo) / (hi - lo);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(colour)
          .append("\" points=\"")
          .append(pts.toString().trim())
          .append("\"><title>")
          .append(Html.escape(names.get(i)[0]))
          .append("</title></polyline>\n");
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>",
              left + pw + 10,
              top + 10 + i * 16,
              colour));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\">%s</text>\n",
              left + pw + 27,
              top + 15 + i * 16,
              Html.escape(names.get(i)[0])));
    }
    s.append("</svg>\n");
    return s.toString();
  }

  /** The matrix's performance columns: one row per run (handshakes/s … memory per connection). */
  public static String table(List<Path> folders, double rate, int size) throws IOException {
    StringBuilder b = new StringBuilder();
    String at = fmt(rate) + "/s, " + size + " B";
    b.append("| implementation | handshakes/s | p50 @ ")
        .append(at)
        .append(" | p99 @ ")
        .append(at)
        .append(
            " | p50 deflate | p99 deflate | peak msg/s (1 conn.) | peak msg/s (N conn.) | peak MB/s | held | answered ping | RSS/conn. | generator / target CPU µs per msg (peak N) |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Path folder : folders) {
      Path file = Files.isDirectory(folder) ? folder.resolve(PERF_JSON) : folder;
      JsonNode doc = Json.MAPPER.readTree(file.toFile());
      JsonNode f = doc.path("figures");
      JsonNode plain = null, deflate = null;
      for (JsonNode l : f.path("latency")) {
        if (l.path("size").asInt() == size && l.path("offeredPerSecond").asDouble() == rate) {
          if (l.path("deflate").asBoolean()) deflate = l;
          else plain = l;
        }
      }
      JsonNode peak1 = null, peakN = null;
      for (JsonNode p : f.path("peak")) {
        if (p.path("connections").asInt() == 1) peak1 = p;
        else peakN = p;
      }
      JsonNode held = f.path("held");
      b.append("| ")
          .append(doc.path("agent").asText())
          .append(" | ")
          .append(cell(f.path("handshakes"), "perSecond", false))
          .append(" | ")
          .append(lat(plain, "p50"))
          .append(" | ")
          .append(lat(plain, "p99"))
          .append(" | ")
          .append(lat(deflate, "p50"))
          .append(" | ")
          .append(lat(deflate, "p99"))
          .append(" | ")
          .append(cell(peak1, "messagesPerSecond", false))
          .append(" | ")
          .append(cell(peakN, "messagesPerSecond", false))
          .append(" | ")
          .append(
              peakN == null || !"ok".equals(peakN.path("status").asText())
                  ? "–"
                  : String.format(
                      Locale.ROOT, "%.1f", peakN.path("octetsPerSecond").asDouble() / 1e6))
          .append(" | ")
          .append(held.path("opened").isNumber() ? held.path("opened").asText() : "–")
          .append(" | ")
          .append(held.path("survivedPing").isNumber() ? held.path("survivedPing").asText() : "–")
          .append(" | ")
          .append(
              held.path("rssPerConnection").isNumber()
                  ? String.format(
                      Locale.ROOT, "%.1f KiB", held.path("rssPerConnection").asDouble() / 1024)
                  : "–")
          .append(" | ")
          .append(
              peakN == null
                  ? "–"
                  : peakN.path("cpu").path("generatorMicrosPerMessage").asText("–")
                      + " / "
                      + peakN.path("cpu").path("targetMicrosPerMessage").asText("–"))
          .append(" |\n");
    }
    return b.toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String cell(JsonNode fig, String field, boolean micros) {
    if (fig == null || fig.isMissingNode()) return "–";
    String status = fig.path("status").asText();
    if (!"ok".equals(status)) return status;
    return micros ? us(fig.path(field)) : num(fig.path(field));
  }

  private static String lat(JsonNode fig, String p) {
    if (fig == null) return "–";
    String status = fig.path("status").asText();
    if (!"ok".equals(status)) return status;
    return us(fig.path("latency").path(p));
  }

  /**
   * The same table as an HTML page (the Markdown inside a pre-formatted block would be unreadable).
   */
  public static Path compareHtml(List<Path> folders, double rate, int size, Path out)
      throws IOException {
    String md = table(folders, rate, size);
    StringBuilder b = new StringBuilder();
    head(b, "wsconform perf comparison");
    b.append("<h1>Performance comparison</h1>\n<table>\n");
    boolean first = true;
    for (String line : md.split("\n")) {
      if (line.startsWith("|---")) continue;
      String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
      b.append("<tr>");
      for (String c : cells) {
        b.append(first ? "<th>" : "<td>").append(Html.escape(c)).append(first ? "</th>" : "</td>");
      }
      b.append("</tr>\n");
      first = false;
    }
    b.append("</table>\n</body></html>\n");
    Json.writeAtomically(out, b.toString());
    return out;
  }
}
