package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The inheritance rule, on its own so it can be read and tested as a table. For each key:
 * <ol>
 * <li>the organization locked it: the organization's value (the default if it sets none), locked;</li>
 * <li>else the user's own value, when the user sets it;</li>
 * <li>else the value of the user's first team that sets it, teams in the order the user joined them
 *     (then by team id): a user in two teams gets their first team's value, and joining another team
 *     never changes what they had;</li>
 * <li>else the organization's value;</li>
 * <li>else the product default.</li>
 * </ol>
 * A level's value replaces the key's whole value: values are not merged across levels, so every
 * effective value is one a level wrote and validated as a whole.
 */
public final class Inheritance {
    private Inheritance() {
    }

    /**
     * @param organization the organization's level, or null
     * @param teams        the teams' levels in precedence order (first wins)
     * @param user         the user's level, or null (a team's or the organization's own effective settings)
     */
    public static EffectiveSettings resolve(SettingsLevel organization, List<SettingsLevel> teams, SettingsLevel user) {
        Map<SettingKey, EffectiveValue> out = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            out.put(key, resolve(key, organization, teams, user));
        }
        return new EffectiveSettings(out);
    }

    private static EffectiveValue resolve(SettingKey key, SettingsLevel organization, List<SettingsLevel> teams,
                                          SettingsLevel user) {
        JsonNode fallback = SettingsDefaults.shared().get(key.wireName());
        boolean locked = organization != null && organization.locked().contains(key);
        if (locked) {
            return organization.has(key)
                    ? new EffectiveValue(organization.value(key), EffectiveValue.ORGANIZATION, true)
                    : new EffectiveValue(fallback, EffectiveValue.DEFAULT, true);
        }
        if (user != null && key.settableAt(SettingScope.USER) && user.has(key)) {
            return new EffectiveValue(user.value(key), EffectiveValue.USER, false);
        }
        if (key.settableAt(SettingScope.TEAM)) {
            for (SettingsLevel team : teams) {
                if (team.has(key)) {
                    return new EffectiveValue(team.value(key), EffectiveValue.team(team.scopeId()), false);
                }
            }
        }
        if (organization != null && organization.has(key)) {
            return new EffectiveValue(organization.value(key), EffectiveValue.ORGANIZATION, false);
        }
        return new EffectiveValue(fallback, EffectiveValue.DEFAULT, false);
    }
}
