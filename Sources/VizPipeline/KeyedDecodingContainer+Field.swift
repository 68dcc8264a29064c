extension KeyedDecodingContainer {
    /// `decode(_:forKey:)`, but a number that does not fit the field's type (`"seed": -1`,
    /// `"epoch": 1.5`) is reported at its key: Foundation's JSONDecoder reports it as
    /// "not valid JSON" with no location (it throws an internal error type here and converts it
    /// later), which would send the user looking in the wrong place.
    func field<T: Decodable>(_ key: Key, as type: T.Type = T.self) throws -> T {
        do {
            return try decode(type, forKey: key)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a valid \(T.self)")
        }
    }
}
