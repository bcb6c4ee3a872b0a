package dev.meridian.market;

import dev.meridian.core.Category;

import java.util.List;
import java.util.Map;

/** The live symbol universe per category after a Top_Pairs ranking, and what changed. */
public record UniverseChange(Map<Category, List<String>> universe, Map<Category, List<String>> added,
                             Map<Category, List<String>> removed) {
}
