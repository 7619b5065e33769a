//! Strict decoding for the wire forms (the `serde` feature): a value is an
//! object, never the array form serde's derive also accepts, and every field
//! is present (an absent value is written `null`, never left out), as
//! [`Event`](crate::Event) has always decoded. Each wire type decodes through
//! a private record of its fields, wrapped in [`map_only`], with
//! [`required`] on its `Option` fields.

use core::fmt;
use core::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

/// Decodes a `T` from an object only: the array form is refused, with
/// `expecting` saying what was expected.
pub(crate) fn map_only<'de, D, T>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_map(MapOnly {
        expecting,
        value: PhantomData,
    })
}

struct MapOnly<T> {
    expecting: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for MapOnly<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

/// For `#[serde(deserialize_with = "required")]` on an `Option` field: the
/// field must be present (`null` for none). serde's derive lets an `Option`
/// field be left out unless it decodes through a function of its own.
pub(crate) fn required<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer)
}
