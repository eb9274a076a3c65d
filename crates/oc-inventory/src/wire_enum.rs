//! Enums as v2 writes them: SCREAMING_SNAKE strings, each with a variant, and a value this
//! crate does not know kept as [`Other`](crate::InventoryAssetType::Other) with the service's
//! spelling (the service adds values; a client must not fail on them).

/// Declares a string enum: its variants with their wire names, `as_str`, `parse`,
/// `Display`, and serde as the wire string.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(#[doc = concat!("`", $wire, "`.")] $variant,)+
            /// A value this crate does not know, as the service spelled it.
            Other(String),
        }

        impl $name {
            /// The name on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(text) => text,
                }
            }

            /// The value of a wire name; an unknown one is `Other`.
            pub fn parse(text: &str) -> Self {
                match text {
                    $($wire => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::parse(&text))
            }
        }
    };
}

pub(crate) use wire_enum;
