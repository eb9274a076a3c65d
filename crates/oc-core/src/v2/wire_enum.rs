//! Enums as v2 writes them (<https://create.roblox.com/docs/cloud/reference/patterns>):
//! SCREAMING_SNAKE strings, each a variant, and a value a crate does not know kept as
//! `Other` with the service's spelling (the service adds values; a client must not fail
//! on them).

/// Declares a string enum: its variants with their wire names, `as_str`, `parse`,
/// `Display`, and serde as the wire string; a value the crate does not know is kept as
/// `Other` with the service's spelling.
///
/// ```
/// oc_core::wire_enum! {
///     /// A shape.
///     Shape { Round = "ROUND", Square = "SQUARE", }
/// }
/// let shape: Shape = serde_json::from_str(r#""HEXAGON""#).unwrap();
/// assert_eq!(shape, Shape::Other("HEXAGON".into()));
/// assert_eq!(Shape::parse("ROUND").as_str(), "ROUND");
/// ```
#[macro_export]
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

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::parse(&text))
            }
        }
    };
}
