package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfPageTest {
  static final String PERF =
      """
      {"schema":"wsconform-perf/1","version":"0.1.0","finished":"2026-12-05T03:00:00Z","agent":"demo<1>",
       "target":{"url":"ws://127.0.0.1:1/"},"machine":{"cores":2,"pinning":"taskset: generator on core 0"},
       "settings":{"rates":[1000.0],"sizes":[32,1024]},
       "figures":{
        "handshakes":{"status":"ok","cpu":{"generatorBusy":0.2,"generatorCores":1,"targetBusy":0.8,"targetCores":1},
                      "concurrency":8,"perSecond":2000.0,"latency":{"p50":300.0,"p99":900.0}},
        "latency":[
         {"status":"ok","cpu":{"generatorBusy":0.1,"generatorCores":1,"targetBusy":0.3,"targetCores":1,
          "generatorMicrosPerMessage":5.0,"targetMicrosPerMessage":20.0},
          "size":32,"deflate":false,"offeredPerSecond":1000.0,"connections":4,
          "latency":{"p50":120.0,"p90":200.0,"p99":900.0,"p99.9":2000.0,"max":5000.0,
           "curve":[[0,50],[50,120],[90,200],[99,900],[99.9,2000],[100,5000]]}},
         {"status":"refused","reason":"generator saturated first: x","size":32,"deflate":true,
          "offeredPerSecond":1000.0,"connections":4,"cpu":{}}],
        "peak":[{"status":"ok","connections":1,"window":32,"size":32,"messagesPerSecond":30000.0,"octetsPerSecond":960000.0,
                 "cpu":{"generatorMicrosPerMessage":9.0,"targetMicrosPerMessage":30.0}},
                {"status":"ok","connections":16,"window":32,"size":32,"messagesPerSecond":50000.0,"octetsPerSecond":1600000.0,
                 "cpu":{"generatorMicrosPerMessage":8.0,"targetMicrosPerMessage":25.0}}],
        "held":{"status":"ok","asked":10000,"opened":10000,"survivedPing":9990,"rssPerConnection":20480.0}},
       "gates":[{"kind":"threshold","what":"p99<1ms","passed":true,"message":"threshold 'p99<1ms' passed"}]}
      """;

  @Test
  void thePageHasTheFiguresTheRefusalAndAnInlineChart(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(PerfPage.PERF_JSON), PERF);
    Path html = PerfPage.write(dir);
    Document d = Jsoup.parse(html.toFile());
    assertThat(d.title()).isEqualTo("wsconform perf: demo<1>");
    assertThat(d.select("svg polyline")).hasSize(1); // the refused figure has no curve
    assertThat(d.select("td.refused")).hasSize(1);
    assertThat(d.text())
        .contains("generator saturated first", "2,000/s", "p99 900 µs", "20.0 KiB RSS");
    assertThat(d.select("script[src], link[href], img[src]")).isEmpty();
  }

  @Test
  void theComparisonTableHasOneRowPerRun(@TempDir Path dir) throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Files.writeString(a.resolve(PerfPage.PERF_JSON), PERF);
    String md = PerfPage.table(List.of(a), 1000, 32);
    assertThat(md.split("\n")).hasSize(3);
    assertThat(md)
        .contains(
            "| demo<1> | 2,000 | 120 µs | 900 µs | refused | refused | 30,000 | 50,000 | 1.6 | 10000 | 9990 | 20.0 KiB | 8.0 / 25.0 |");
    Path out = PerfPage.compareHtml(List.of(a), 1000, 32, dir.resolve("perf.html"));
    assertThat(Jsoup.parse(out.toFile()).select("tr")).hasSize(2);
  }
}
