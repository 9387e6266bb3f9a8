//! Tagged PDFs: which structure element (a paragraph, a list label) each
//! marked-content sequence of a page belongs to (PDF 32000-1 §14.7.4).
//!
//! Word and LibreOffice export with tags (Word by default): the text of a
//! paragraph is drawn under one or more marked-content ids (LibreOffice
//! gives every line its own), and the catalogue's `/StructTreeRoot
//! /ParentTree`, a number tree keyed by the page's `/StructParents`, lists
//! for each id the structure element it belongs to. Two lines of one
//! paragraph then name the same element even where the page shows no
//! break between paragraphs (a paragraph ending on a full line), which
//! geometry alone cannot tell. An untagged or damaged tree gives an empty
//! map, and the reader falls back to geometry.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::obj;

/// Deepest `/Kids` nesting followed in a number tree.
const MAX_DEPTH: usize = 32;
/// Most entries read from one page's array of parents.
const MAX_IDS: usize = 100_000;

/// What a marked-content id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parent {
    /// The structure element's object number.
    pub element: u32,
    /// The element is a list item's label (`/S /Lbl`, as Word tags it):
    /// "3." drawn by the list numbering, not typed.
    pub label: bool,
    /// The element is a paragraph of a list: LibreOffice names the
    /// structure type after the paragraph style ("List Number", role-mapped
    /// to `/P`) and draws the label inside it.
    pub list: bool,
}

/// For one page: marked-content id -> its structure element.
pub fn page_parents(doc: &Document, page: &Dictionary) -> HashMap<u32, Parent> {
    let mut out = HashMap::new();
    let Some(key) = obj::get_num(doc, page, b"StructParents") else {
        return out;
    };
    if key < 0.0 || key.fract() != 0.0 {
        return out;
    }
    let Some(tree) = parent_tree(doc) else {
        return out;
    };
    let Some(Object::Array(parents)) = lookup(doc, tree, key as i64, 0) else {
        return out;
    };
    for (mcid, p) in parents.iter().take(MAX_IDS).enumerate() {
        if let Object::Reference((num, _)) = p {
            let kind = obj::deref(doc, p)
                .and_then(obj::as_dict)
                .and_then(|d| obj::get_name(doc, d, b"S"))
                .unwrap_or_default();
            out.insert(
                mcid as u32,
                Parent {
                    element: *num,
                    label: kind == "Lbl",
                    list: kind.to_ascii_lowercase().starts_with("list"),
                },
            );
        }
    }
    out
}

/// The catalogue's `/StructTreeRoot /ParentTree`.
fn parent_tree(doc: &Document) -> Option<&Dictionary> {
    let root = doc.trailer.get(b"Root").ok()?;
    let catalog = obj::as_dict(obj::deref(doc, root)?)?;
    let tree_root = obj::get_dict(doc, catalog, b"StructTreeRoot")?;
    obj::get_dict(doc, tree_root, b"ParentTree")
}

/// The value under `key` in a number tree (§7.9.7), bounded in depth.
fn lookup<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    key: i64,
    depth: usize,
) -> Option<&'a Object> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(Object::Array(nums)) = obj::get(doc, node, b"Nums") {
        for pair in nums.chunks(2) {
            if let [k, v] = pair {
                if obj::num(k).is_some_and(|k| k as i64 == key) {
                    return obj::deref(doc, v);
                }
            }
        }
    }
    if let Some(Object::Array(kids)) = obj::get(doc, node, b"Kids") {
        for kid in kids {
            let Some(kid) = obj::deref(doc, kid).and_then(obj::as_dict) else {
                continue;
            };
            // Kids carry /Limits [least greatest]: skip those that cannot
            // hold the key.
            if let Some(Object::Array(l)) = obj::get(doc, kid, b"Limits") {
                let bound = |i: usize| l.get(i).and_then(obj::num).map(|v| v as i64);
                if let (Some(lo), Some(hi)) = (bound(0), bound(1)) {
                    if key < lo || key > hi {
                        continue;
                    }
                }
            }
            if let Some(v) = lookup(doc, kid, key, depth + 1) {
                return Some(v);
            }
        }
    }
    None
}
