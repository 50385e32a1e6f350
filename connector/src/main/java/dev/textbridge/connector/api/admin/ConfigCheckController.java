package dev.textbridge.connector.api.admin;

import dev.textbridge.connector.configcheck.ConfigProblem;
import dev.textbridge.connector.configcheck.StartupConfigurationCheck;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/** {@code GET /admin/v1/config-check}: what is wrong with the configuration, each problem naming its setting. */
@RestController
public class ConfigCheckController {

    private final StartupConfigurationCheck check;

    public ConfigCheckController(StartupConfigurationCheck check) {
        this.check = check;
    }

    public record ProblemView(String severity, String setting, String subject, String message) {
    }

    public record Report(boolean ok, List<ProblemView> problems) {
    }

    @GetMapping("/admin/v1/config-check")
    public Mono<Report> configCheck() {
        return Mono.fromCallable(() -> {
            List<ProblemView> problems = check.recheck().stream()
                    .map(p -> new ProblemView(p.severity().wireName(), p.setting(), p.subject(), p.message()))
                    .toList();
            return new Report(problems.stream().noneMatch(p -> !p.severity().equals(ConfigProblem.Severity.WARNING.wireName())), problems);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
