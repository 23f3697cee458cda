//! A user's style sheet laid over the built-in one, key by key, and the checks
//! that need the merged TOML (before it becomes a typed `Style`).

/// Recursive merge of TOML tables: keys in `over` replace those in `base`.
pub(super) fn merge(base: &mut toml::Value, over: toml::Value) {
    match (base, over) {
        (toml::Value::Table(b), toml::Value::Table(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

/// The first role whose size is not a positive, finite number of points: a
/// zero size would put NaN into the PDF's text positions.
pub(super) fn bad_role_size(sheet: &toml::Value) -> Option<String> {
    let roles = sheet.get("roles")?.as_table()?;
    roles.iter().find_map(|(name, role)| {
        let size = role.get("size_pt")?;
        let pt = size
            .as_float()
            .or_else(|| size.as_integer().map(|i| i as f64));
        match pt {
            Some(pt) if pt.is_finite() && pt > 0.0 => None,
            _ => Some(name.clone()),
        }
    })
}
