//! Asset types, the content types each accepts
//! (<https://create.roblox.com/docs/cloud/guides/usage-assets>), and the check that a file's
//! first bytes match its content type.

/// An uploadable asset type: its PascalCase name, its `ASSET_TYPE_…` name, its content
/// types, the message a file that is not of its kind gets, and whether its content can be
/// updated.
#[derive(Debug, Clone, Copy)]
pub(super) struct AssetType {
    pub name: &'static str,
    pub enum_name: &'static str,
    pub content_types: &'static [&'static str],
    /// The official message is known for images only (`"InvalidImage"`, with the quotes;
    /// inferred from the reference Python client); the others follow its form (inferred).
    pub invalid_message: &'static str,
    pub updatable: bool,
}

const IMAGE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/bmp", "image/tga"];

/// Every asset type the upload API takes.
pub(super) const ASSET_TYPES: &[AssetType] = &[
    AssetType {
        name: "Animation",
        enum_name: "ASSET_TYPE_ANIMATION",
        content_types: &["model/x-rbxm"],
        invalid_message: "\"InvalidAnimation\"",
        updatable: false,
    },
    AssetType {
        name: "Audio",
        enum_name: "ASSET_TYPE_AUDIO",
        content_types: &["audio/mpeg", "audio/ogg", "audio/wav", "audio/flac"],
        invalid_message: "\"InvalidAudio\"",
        updatable: false,
    },
    AssetType {
        name: "Decal",
        enum_name: "ASSET_TYPE_DECAL",
        content_types: IMAGE_TYPES,
        invalid_message: "\"InvalidImage\"",
        updatable: false,
    },
    AssetType {
        name: "Image",
        enum_name: "ASSET_TYPE_IMAGE",
        content_types: IMAGE_TYPES,
        invalid_message: "\"InvalidImage\"",
        updatable: false,
    },
    AssetType {
        name: "Mesh",
        enum_name: "ASSET_TYPE_MESH",
        content_types: &["model/x-file-mesh-data"],
        invalid_message: "\"InvalidMesh\"",
        updatable: false,
    },
    AssetType {
        name: "Model",
        enum_name: "ASSET_TYPE_MODEL",
        content_types: &[
            "model/fbx",
            "model/gltf+json",
            "model/gltf-binary",
            "model/x-rbxm",
        ],
        invalid_message: "\"InvalidModel\"",
        updatable: true,
    },
    AssetType {
        name: "Video",
        enum_name: "ASSET_TYPE_VIDEO",
        content_types: &["video/mp4", "video/mov"],
        invalid_message: "\"InvalidVideo\"",
        updatable: false,
    },
];

/// The asset type named `name`, in either spelling (`Decal`, `ASSET_TYPE_DECAL`).
pub(super) fn asset_type(name: &str) -> Option<&'static AssetType> {
    ASSET_TYPES
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name) || t.enum_name.eq_ignore_ascii_case(name))
}

/// How many first bytes [`matches_content`] looks at.
pub(super) const HEAD_LEN: usize = 64;

/// Whether a file starting with `head` (its first [`HEAD_LEN`] bytes, or all of a
/// shorter file) is of `content_type`. The checks are the files' well-known signatures;
/// the service decodes files fully, which the emulator does not.
pub(super) fn matches_content(content_type: &str, head: &[u8]) -> bool {
    let skip_space = |bytes: &[u8]| -> Vec<u8> {
        bytes
            .iter()
            .copied()
            .skip_while(u8::is_ascii_whitespace)
            .collect()
    };
    match content_type {
        "image/png" => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => head.starts_with(&[0xFF, 0xD8, 0xFF]),
        "image/bmp" => head.starts_with(b"BM"),
        // TGA has no signature: a header is 18 bytes with a known image type.
        "image/tga" => head.len() >= 18 && matches!(head[2], 1 | 2 | 3 | 9 | 10 | 11),
        "audio/mpeg" => {
            head.starts_with(b"ID3")
                || (head.len() >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0)
        }
        "audio/ogg" => head.starts_with(b"OggS"),
        "audio/wav" => head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WAVE"),
        "audio/flac" => head.starts_with(b"fLaC"),
        "model/x-rbxm" => head.starts_with(b"<roblox"),
        "model/fbx" => {
            head.starts_with(b"Kaydara FBX Binary") || skip_space(head).starts_with(b";")
        }
        "model/gltf+json" => skip_space(head).starts_with(b"{"),
        "model/gltf-binary" => head.starts_with(b"glTF"),
        "model/x-file-mesh-data" => head.starts_with(b"version "),
        "video/mp4" | "video/mov" => matches!(
            head.get(4..8),
            Some(b"ftyp" | b"moov" | b"mdat" | b"wide" | b"free")
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_found_in_both_spellings() {
        assert_eq!(asset_type("Decal").map(|t| t.name), Some("Decal"));
        assert_eq!(
            asset_type("ASSET_TYPE_MODEL").map(|t| t.name),
            Some("Model")
        );
        assert!(asset_type("Place").is_none());
    }

    #[test]
    fn signatures_are_checked() {
        assert!(matches_content("image/png", b"\x89PNG\r\n\x1a\nrest"));
        assert!(!matches_content("image/png", b"GIF89a"));
        assert!(matches_content("audio/wav", b"RIFF\0\0\0\0WAVEfmt "));
        assert!(!matches_content("audio/wav", b"RIFF\0\0\0\0AVI "));
        assert!(matches_content("video/mp4", b"\0\0\0\x18ftypmp42"));
        assert!(!matches_content("image/unknown", b"anything"));
    }
}
