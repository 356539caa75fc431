package io.logaggregate.cli;

public class Main {
    public static void main(String[] args) {}
}
