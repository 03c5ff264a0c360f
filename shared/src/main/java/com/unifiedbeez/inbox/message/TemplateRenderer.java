package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.channel.ConstraintViolation;
import com.unifiedbeez.inbox.channel.ConstraintViolations;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Fills an approved WhatsApp template's placeholders — positional {@code {{1}}} or named
 * {{first_name}} — with the send's params, every placeholder exactly once, as Meta requires.
 */
@Singleton
public final class TemplateRenderer {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    static final int MAX_PARAM = 1024;
    // Meta refuses parameters with new lines, tabs or more than 4 consecutive spaces (error 132018).
    static final Pattern META_FORBIDDEN = Pattern.compile("[\\n\\t]| {5,}");

    /** The text to store, and what the sender needs to build the template's components. */
    public record Rendered(String name, String language, String content, Map<String, String> params) {
    }

    @Inject
    public TemplateRenderer() {
    }

    Rendered render(Connection c, UUID organizationId, UUID templateId, Map<String, String> params) throws SQLException {
        record Template(String name, String language, String content, String approval) {
        }
        Template template = Sql.one(c, """
                SELECT name, language, content, approval_status FROM templates
                 WHERE organization_id = ? AND id = ? AND type = 'whatsapp' AND deleted_at IS NULL""",
                r -> new Template(r.getString("name"), r.getString("language"), r.getString("content"),
                        r.getString("approval_status")), organizationId, templateId)
                .orElseThrow(() -> ApiException.invalid("templateId", "unknown WhatsApp template " + templateId));
        if (!"approved".equals(template.approval())) {
            ConstraintViolations.reject(List.of(new ConstraintViolation("whatsapp-template-not-approved", "templateId",
                    "template '" + template.name() + "' is " + template.approval() + "; only Meta-approved templates can be sent")));
        }
        Set<String> placeholders = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template.content());
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        Validation v = new Validation();
        for (String name : placeholders) {
            String value = params.get(name);
            if (value == null || value.isBlank()) {
                v.add("params." + name, "is required by the template");
            } else if (value.length() > MAX_PARAM) {
                v.add("params." + name, "is longer than " + MAX_PARAM + " characters");
            } else if (META_FORBIDDEN.matcher(value).find()) {
                v.add("params." + name, "may not contain new lines, tabs or more than 4 spaces in a row");
            }
        }
        params.keySet().stream().filter(k -> !placeholders.contains(k))
                .forEach(k -> v.add("params." + k, "is not a variable of template '" + template.name() + "'"));
        v.throwIfInvalid();
        Map<String, String> ordered = new LinkedHashMap<>();
        placeholders.forEach(name -> ordered.put(name, params.get(name)));
        String content = PLACEHOLDER.matcher(template.content())
                .replaceAll(match -> Matcher.quoteReplacement(params.get(match.group(1))));
        return new Rendered(template.name(), template.language(), content, ordered);
    }
}
