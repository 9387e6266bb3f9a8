//! The bounds every reader works under: a leaf that readers import.

/// Bounds that make every input finish in bounded time and memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest inflated zip part, in bytes.
    pub max_part_bytes: u64,
    /// Largest total inflated size of the parts read from one package.
    pub max_package_bytes: u64,
    /// Deepest XML element nesting.
    pub max_xml_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 << 20,
            max_part_bytes: 64 << 20,
            max_package_bytes: 256 << 20,
            max_xml_depth: 256,
        }
    }
}
